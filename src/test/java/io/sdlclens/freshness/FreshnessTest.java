package io.sdlclens.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.sdlclens.freshness.FreshnessService.Outcome;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.PostgresTestResource;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.ScriptedRemoteHeads;
import io.sdlclens.testing.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FreshnessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FreshnessService freshness;

    @Inject
    FreshnessRepository repository;

    @Inject
    Poller poller;

    @Inject
    PollConfig pollConfig;

    @Test
    void aRequestDuringARunningSyncStartsExactlyOneFollowUp() throws Exception {
        Path folder = Folders.withDocuments("freshness-follow", 3);
        String slug = Projects.register(folder);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            Projects.trigger(slug);
            gate.awaitReached();
            // a burst of changes while the run is held: each is queued, none refused, all one follow-up
            for (int i = 0; i < 5; i++) {
                assertThat(done(freshness.requestSync(slug, "test"))).isEqualTo(Outcome.QUEUED);
            }
            assertThat(Sql.value("SELECT sync_requested FROM project WHERE slug = ?", slug))
                    .isEqualTo(true);
            gate.open();
        }
        awaitSettled(slug, 2);
        assertThat(Sql.value("SELECT sync_requested FROM project WHERE slug = ?", slug))
                .isEqualTo(false);
        assertThat(Sql.value(
                        "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id"
                                + " WHERE p.slug = ? AND r.status = 'synced'",
                        slug))
                .isEqualTo(2L);
    }

    @Test
    void twoConcurrentRequestsStartOneRunAndOneFollowUpAtMost() throws Exception {
        Path folder = Folders.withDocuments("freshness-race", 2);
        String slug = Projects.register(folder);
        List<Outcome> outcomes = new ArrayList<>();
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            // two replicas noticing one save at the same moment
            Uni<Outcome> first = freshness.requestSync(slug, "test");
            Uni<Outcome> second = freshness.requestSync(slug, "test");
            outcomes.addAll(Uni.join().all(first, second).andFailFast().await().atMost(WAIT));
            gate.awaitReached();
            gate.open();
        }
        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.STARTED, Outcome.QUEUED);
        awaitSettled(slug, 2);
    }

    @Test
    void aRequestForAnIdleProjectStartsARunAndAnUnknownSlugIsNotFound() {
        Path folder = Folders.withDocuments("freshness-idle", 1);
        String slug = Projects.register(folder);
        assertThat(done(freshness.requestSync(slug, "test"))).isEqualTo(Outcome.STARTED);
        awaitSettled(slug, 1);
        assertThat(done(freshness.requestSync("no-such-" + UUID.randomUUID(), "test")))
                .isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void aDueProjectIsClaimedByExactlyOneOfTwoClaimers() throws Exception {
        String slug = gitProject("https://claim.example/" + UUID.randomUUID() + ".git");
        try (Connection other = PostgresTestResource.connect()) {
            other.setAutoCommit(false);
            List<String> claimedByOther = new ArrayList<>();
            // the other replica claims inside its transaction and has not committed yet
            try (PreparedStatement claim = other.prepareStatement(
                    FreshnessRepository.CLAIM_DUE.replace("$1", "?").replace("$2", "?"))) {
                claim.setDouble(1, 300);
                claim.setInt(2, 100);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimedByOther.add(rows.getString("slug"));
                    }
                }
            }
            assertThat(claimedByOther).contains(slug);
            assertThat(slugs(repository.claimDue(Duration.ofMinutes(5), 100))).doesNotContain(slug);
            other.commit();
        }
        // committed: the project is no longer due for anyone until its next poll
        assertThat(slugs(repository.claimDue(Duration.ofMinutes(5), 100))).doesNotContain(slug);
        assertThat(Sql.value(
                        "SELECT next_poll_at > clock_timestamp() + interval '4 minutes' FROM project WHERE slug = ?",
                        slug))
                .isEqualTo(true);
        Sql.update("DELETE FROM project WHERE slug = ?", slug);
    }

    @Test
    void failedPollsBackOffExponentiallyUpToTheCapAndShowOnTheProject() {
        String url = "https://poll-fail.example/" + UUID.randomUUID() + ".git";
        String slug = gitProject(url);
        ScriptedRemoteHeads.answer(url, () -> {
            // not a GitSource failure: its text is internal and must not reach the project
            throw new IllegalStateException("internal detail 0xdeadbeef");
        });
        try {
            long[] expectedMinutes = {10, 20, 40, 60, 60};
            for (int failures = 1; failures <= expectedMinutes.length; failures++) {
                Sql.update("UPDATE project SET next_poll_at = clock_timestamp() - interval '1 s' WHERE slug = ?", slug);
                done(poller.pollDue());
                assertThat(Sql.value("SELECT poll_failures FROM project WHERE slug = ?", slug))
                        .isEqualTo(failures);
                double waitMinutes = ((Number) Sql.value(
                                "SELECT extract(epoch FROM next_poll_at - clock_timestamp()) / 60 FROM project"
                                        + " WHERE slug = ?",
                                slug))
                        .doubleValue();
                assertThat(waitMinutes)
                        .isBetween(expectedMinutes[failures - 1] - 1.0, (double) expectedMinutes[failures - 1]);
            }
            assertThat((String) Sql.value("SELECT sync_error FROM project WHERE slug = ?", slug))
                    .contains("the remote could not be asked")
                    .doesNotContain("0xdeadbeef")
                    .contains("60 min");
            // the remote recovers and reports the commit already synced: no run, failures reset
            ScriptedRemoteHeads.answer(url, () -> "abc123");
            Sql.update("UPDATE project SET next_poll_at = clock_timestamp() - interval '1 s' WHERE slug = ?", slug);
            done(poller.pollDue());
            assertThat(Sql.value("SELECT poll_failures FROM project WHERE slug = ?", slug))
                    .isEqualTo(0);
            assertThat(Sql.value(
                            "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?",
                            slug))
                    .isEqualTo(0L);
        } finally {
            ScriptedRemoteHeads.forget(url);
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
    }

    /** A git project with auto_sync, due now, last synced at commit abc123 (registration is not in the API yet). */
    private static String gitProject(String url) {
        String slug = "poll-" + UUID.randomUUID();
        Sql.update(
                "INSERT INTO project (slug, name, source_type, repo_url, auto_sync, next_poll_at,"
                        + " last_synced_commit_sha) VALUES (?, ?, 'git', ?, true,"
                        + " clock_timestamp() - interval '1 s', 'abc123')",
                slug,
                slug,
                url);
        return slug;
    }

    private static List<String> slugs(Uni<List<PolledProject>> claim) {
        return claim.await().atMost(WAIT).stream().map(PolledProject::slug).toList();
    }

    private static <T> T done(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /** Waits until the project has {@code runs} runs, none running and no request pending, and stays so. */
    private static void awaitSettled(String slug, long runs) {
        String count = "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id"
                + " WHERE p.slug = ? AND r.status <> 'syncing'";
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Long.valueOf(runs).equals(Sql.value(count, slug))
                        && !"syncing".equals(Sql.value("SELECT sync_status FROM project WHERE slug = ?", slug)));
        // a follow-up is started right after the final write: give a wrong extra one the time to show up
        await().during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> Long.valueOf(runs)
                        .equals(Sql.value(
                                "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id"
                                        + " WHERE p.slug = ?",
                                slug)));
    }
}
