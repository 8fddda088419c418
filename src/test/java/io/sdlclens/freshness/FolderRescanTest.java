package io.sdlclens.freshness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sdlclens.source.GitHttpServer;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Auto-sync by timers alone, with no trigger from a test: with watching off by setting, local projects are kept
 * current by periodic rescans; with the poller claiming every second, git projects pick up pushed commits.
 */
@QuarkusTest
@TestProfile(FolderRescanTest.WatchingOff.class)
class FolderRescanTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class WatchingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sdlc-lens.watch.enabled", "false",
                    "sdlc-lens.watch.rescan-every", "1s",
                    // the scheduled poller itself, as in production, only faster
                    "sdlc-lens.poll.claim-every", "1s",
                    "sdlc-lens.poll.interval", "1s",
                    // the temp folders of the tests are inside; a folder of the build tree is not
                    "sdlc-lens.allowed-roots",
                            realPath(Path.of(System.getProperty("java.io.tmpdir")))
                                    .toString());
        }
    }

    @Inject
    FolderWatcher watcher;

    @Test
    void aSavedFileIsPickedUpByTheRescan() {
        Path folder = Folders.withDocuments("rescan-save", 1);
        String slug = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Rescanned " + UUID.randomUUID(), "sdlc_path", folder.toString(), "auto_sync", true))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        try {
            await().atMost(WAIT).until(() -> watcher.mode(slug).equals(Optional.of(FolderWatcher.Mode.RESCAN)));
            assertThat(watcher.watchedFolders()).isZero();
            await().atMost(WAIT).until(() -> FolderWatcherTest.titles(slug).contains("Story 1"));

            Folders.write(folder, "stories/US0002-new.md", "# Story 2\n\n> **Status:** Draft\n");
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> FolderWatcherTest.titles(slug).contains("Story 2"));
        } finally {
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
    }

    @Test
    void aGitProjectWithAShortPollIntervalPicksUpAPushedCommitByItself() throws Exception {
        Assumptions.assumeTrue(GitHttpServer.available(), "git http-backend is not installed: skipping");
        Path served = Folders.create("poll-served");
        try (GitHttpServer server = new GitHttpServer(served);
                Git git = Git.init()
                        .setDirectory(served.resolve("polled").toFile())
                        .setInitialBranch("main")
                        .call()) {
            Path tree = git.getRepository().getWorkTree().toPath();
            Folders.write(tree, "sdlc-studio/stories/US0001-first.md", "# Story 1\n\n> **Status:** Draft\n");
            commit(git, "first");
            String slug = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "Polled " + UUID.randomUUID(),
                            "source_type",
                            "git",
                            "repo_url",
                            server.url("polled"),
                            "auto_sync",
                            true))
                    .post("/api/v1/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("slug");
            try {
                // never synced: the first poll finds a head unlike the (absent) last synced commit
                await().atMost(WAIT).until(() -> FolderWatcherTest.titles(slug).contains("Story 1"));

                Folders.write(tree, "sdlc-studio/stories/US0002-pushed.md", "# Story 2\n\n> **Status:** Draft\n");
                String pushed = commit(git, "second");
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> FolderWatcherTest.titles(slug).contains("Story 2"));
                await().atMost(WAIT)
                        .until(() -> pushed.equals(
                                Sql.value("SELECT last_synced_commit_sha FROM project WHERE slug = ?", slug)));
            } finally {
                Sql.update("DELETE FROM project WHERE slug = ?", slug);
            }
        }
    }

    private static String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Test", "test@example.com");
        return git.commit()
                .setMessage(message)
                .setAuthor(who)
                .setCommitter(who)
                .call()
                .name();
    }

    @Test
    void aFolderOutsideTheAllowedRootsIsNeverWatchedNorRescanned() throws IOException {
        // the API refuses such a folder; this is one registered before the roots were narrowed
        Path outside = realPath(Files.createDirectories(Path.of("target", "rescan-outside-" + UUID.randomUUID())));
        Folders.write(outside, "stories/US0001-outside.md", "# Outside\n");
        String slug = "outside-" + UUID.randomUUID();
        Sql.update(
                "INSERT INTO project (slug, name, source_type, sdlc_path, auto_sync) VALUES (?, ?, 'local', ?, true)",
                slug,
                slug,
                outside.toString());
        try {
            await().during(Duration.ofMillis(2500))
                    .atMost(WAIT)
                    .until(() -> watcher.mode(slug).isEmpty() && FolderWatcherTest.runs(slug) == 0);
        } finally {
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
