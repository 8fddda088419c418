package io.sdlclens.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sdlclens.freshness.Poller;
import io.sdlclens.secret.TokenCipher;
import io.sdlclens.source.GitCredentials;
import io.sdlclens.source.GitHttpServer;
import io.sdlclens.source.GitSource;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.LogRecords;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * git projects synced through the API from real repositories, served over real smart HTTP with Basic auth by git's
 * own http-backend; every commit is made by the test.
 */
@QuarkusTest
class GitSyncTest {

    private static final String TOKEN = "glpat-Sync7Secret9Token42";
    private static final Instant FIRST = Instant.parse("2026-01-10T09:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-01-11T10:30:00Z");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    TokenCipher cipher;

    @Inject
    Poller poller;

    @Inject
    GitSource gitSource;

    private Path served;
    private GitHttpServer server;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(
                GitHttpServer.available(), "git http-backend is not installed: skipping the git sync tests");
        served = Folders.create("git-sync-served");
        server = new GitHttpServer(served);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNewCommitReadsOnlyTheEditedAddedAndDeletedDocuments() throws Exception {
        server.requireToken("docs", TOKEN);
        try (Git git = repository("docs")) {
            for (int i = 1; i <= 5; i++) {
                write(git, "sdlc-studio/stories/US000" + i + "-story.md", story(i, "Draft"));
            }
            write(git, "sdlc-studio/.config.yaml", "schema_version: \"3\"\nprofile: lean\n");
            write(git, "README.md", "# outside repo_path\n");
            RevCommit first = commit(git, "first", FIRST);
            String slug = project(server.url("docs"), "sdlc-studio", TOKEN);

            JsonPath run = Projects.sync(slug);
            assertCounts(run, 5, 0, 0, 0, 0);
            JsonPath project = Projects.get(slug);
            assertThat(project.getString("sync_status")).isEqualTo("synced");
            assertThat(project.getString("last_synced_commit_sha")).isEqualTo(first.name());
            assertThat(project.getString("schema_version")).isEqualTo("3");
            assertThat(project.getString("profile")).isEqualTo("lean");
            assertThat(project.getInt("document_count")).isEqualTo(5);
            assertThat(documents(slug)).allSatisfy(row -> {
                assertThat((String) row.get("change_key")).startsWith("blob:");
                assertThat(modifiedAt(row)).isEqualTo(FIRST);
            });

            // nothing changed: every blob is skipped
            assertCounts(Projects.sync(slug), 0, 0, 5, 0, 0);

            write(git, "sdlc-studio/stories/US0001-story.md", story(1, "Done"));
            write(git, "sdlc-studio/stories/US0006-story.md", story(6, "Draft"));
            Files.delete(worktree(git).resolve("sdlc-studio/stories/US0002-story.md"));
            RevCommit second = commit(git, "edit, add, delete", SECOND);

            assertCounts(Projects.sync(slug), 1, 1, 3, 1, 0);
            assertThat(Projects.get(slug).getString("last_synced_commit_sha")).isEqualTo(second.name());
            Map<String, Map<String, Object>> byPath = new HashMap<>();
            documents(slug).forEach(row -> byPath.put((String) row.get("file_path"), row));
            assertThat(byPath.keySet())
                    .containsExactlyInAnyOrder(
                            "stories/US0001-story.md",
                            "stories/US0003-story.md",
                            "stories/US0004-story.md",
                            "stories/US0005-story.md",
                            "stories/US0006-story.md");
            assertThat(byPath.get("stories/US0001-story.md").get("status")).isEqualTo("Done");
            // the edited and the added documents carry the new commit's time; the skipped ones were not touched
            assertThat(modifiedAt(byPath.get("stories/US0001-story.md"))).isEqualTo(SECOND);
            assertThat(modifiedAt(byPath.get("stories/US0006-story.md"))).isEqualTo(SECOND);
            assertThat(modifiedAt(byPath.get("stories/US0003-story.md"))).isEqualTo(FIRST);
            assertThat(server.authorizations).isNotEmpty();
            assertNoPlaintextToken(TOKEN);
        }
    }

    @Test
    void aForcePushThatRewritesHistoryIsSyncedToTheNewTree() throws Exception {
        try (Git git = repository("rewrite")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            RevCommit first = commit(git, "first", FIRST);
            write(git, "sdlc-studio/b.md", "# B\n");
            commit(git, "second", SECOND);
            String slug = project(server.url("rewrite"), "sdlc-studio", null);
            assertCounts(Projects.sync(slug), 2, 0, 0, 0, 0);

            git.reset()
                    .setMode(ResetCommand.ResetType.HARD)
                    .setRef(first.name())
                    .call();
            write(git, "sdlc-studio/c.md", "# C\n");
            RevCommit rewritten = commit(git, "rewritten", SECOND.plusSeconds(60));

            assertCounts(Projects.sync(slug), 1, 0, 1, 1, 0);
            assertThat(Projects.get(slug).getString("last_synced_commit_sha")).isEqualTo(rewritten.name());
            assertThat(documents(slug))
                    .extracting(row -> row.get("file_path"))
                    .containsExactlyInAnyOrder("a.md", "c.md");
        }
    }

    @Test
    void aDeletedBranchEndsInAnErrorAndDeletesNothing() throws Exception {
        try (Git git = repository("branch")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            RevCommit first = commit(git, "first", FIRST);
            git.branchCreate().setName("release").call();
            String slug = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "Branch " + UUID.randomUUID(),
                            "source_type",
                            "git",
                            "repo_url",
                            server.url("branch"),
                            "repo_branch",
                            "release"))
                    .post("/api/v1/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("slug");
            assertCounts(Projects.sync(slug), 1, 0, 0, 0, 0);

            git.branchDelete().setBranchNames("release").setForce(true).call();
            JsonPath run = Projects.sync(slug);

            assertAborted(run, slug, "branch release not found in the repository: check repo_branch");
            assertThat(documents(slug)).hasSize(1);
            assertThat(Projects.get(slug).getString("last_synced_commit_sha")).isEqualTo(first.name());
        }
    }

    @Test
    void aRemovedRepoPathEndsInAnErrorAndDeletesNothing() throws Exception {
        try (Git git = repository("path")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            write(git, "sdlc-studio/b.md", "# B\n");
            write(git, "README.md", "# readme\n");
            commit(git, "first", FIRST);
            String slug = project(server.url("path"), "sdlc-studio", null);
            assertCounts(Projects.sync(slug), 2, 0, 0, 0, 0);

            git.rm().addFilepattern("sdlc-studio").call();
            commit(git, "move the docs away", SECOND);
            JsonPath run = Projects.sync(slug);

            assertAborted(run, slug, "repo_path sdlc-studio is not a folder in commit");
            assertThat(run.getString("error")).contains("check repo_path");
            assertThat(documents(slug)).hasSize(2);
        }
    }

    @Test
    void aWrongTokenEndsInAnErrorNamingAuthenticationAndTheTokenIsNowhere() throws Exception {
        server.requireToken("private", TOKEN);
        String wrong = "glpat-Wrong5Token6Value77";
        try (Git git = repository("private")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            String slug = project(server.url("private"), "sdlc-studio", wrong);

            JsonPath run;
            List<String> logged;
            try (LogRecords log = LogRecords.capture(Level.ALL)) {
                run = Projects.sync(slug);
                logged = log.lines();
            }
            assertThat(logged).as("the run's own log line").anyMatch(line -> line.contains(slug));
            assertThat(logged).noneMatch(line -> line.contains(wrong) || line.contains(TOKEN));

            assertAborted(run, slug, "the git server refused the access token");
            String responses = given().get("/api/v1/projects/" + slug).asString()
                    + given().get("/api/v1/projects/" + slug + "/sync-runs").asString();
            assertThat(responses).doesNotContain(wrong).doesNotContain(TOKEN);
            assertNoPlaintextToken(wrong);
            // the token went to the server, as the Basic password, and nowhere else
            assertThat(server.authorizations).isNotEmpty();
        }
    }

    @Test
    void aConnectionsTokenWinsOverTheProjectsOwn() throws Exception {
        server.requireToken("hub", TOKEN);
        try (Git git = repository("hub")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            long connection = ((Number) Sql.value(
                            "INSERT INTO connection (label, login, token_ciphertext, masked_token)"
                                    + " VALUES (?, 'octo', ?, ?) RETURNING id",
                            "Sync " + UUID.randomUUID(),
                            cipher.encrypt(TOKEN),
                            TokenCipher.mask(TOKEN)))
                    .longValue();
            Map<String, Object> body = new HashMap<>();
            body.put("name", "Hub " + UUID.randomUUID());
            body.put("source_type", "github");
            body.put("repo_url", server.url("hub"));
            body.put("connection_id", connection);
            body.put("access_token", "ghp-Stale1Project2Token3");
            String slug = given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("slug");

            try (LogRecords log = LogRecords.capture(Level.ALL)) {
                assertCounts(Projects.sync(slug), 1, 0, 0, 0, 0);
                assertThat(log.lines()).as("the run's own log line").anyMatch(line -> line.contains(slug));
                assertThat(log.lines())
                        .noneMatch(line -> line.contains(TOKEN) || line.contains("ghp-Stale1Project2Token3"));
            }
            assertNoPlaintextToken(TOKEN);
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
            Sql.update("DELETE FROM connection WHERE id = ?", connection);
        }
    }

    @Test
    void aHostNoLongerAllowedIsRefusedBeforeAnyRequest() throws Exception {
        try (Git git = repository("hosts")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            String slug = project(server.url("hosts"), "sdlc-studio", null);
            assertCounts(Projects.sync(slug), 1, 0, 0, 0, 0);
            int requests = server.requests.size();
            // as if SDLC_LENS_GIT_ALLOWED_HOSTS had been narrowed since the project was registered
            Sql.update("UPDATE project SET repo_url = 'https://evil.example/acme/docs' WHERE slug = ?", slug);

            JsonPath run = Projects.sync(slug);

            assertAborted(run, slug, "host evil.example is not allowed");
            assertThat(documents(slug)).hasSize(1);
            assertThat(server.requests).hasSize(requests);
        }
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndThatHostNeverAsked() throws Exception {
        try (Git git = repository("moved")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            try (GitHttpServer other = new GitHttpServer(served)) {
                server.redirectTo = other.localhostUrl("").replaceAll("/git/$", "/git");
                String slug = project(server.url("moved"), "sdlc-studio", TOKEN);

                JsonPath run = Projects.sync(slug);

                assertAborted(run, slug, "the git server redirected to another host (localhost)");
                assertThat(other.requests).isEmpty();
            }
        }
    }

    @Test
    void aHugeFileIsAPerFileErrorWhileTheOthersSync() throws Exception {
        try (Git git = repository("huge")) {
            write(git, "sdlc-studio/small.md", "# Small\n");
            // over the test's sdlc-lens.sync.max-file-size (6M); compresses to almost nothing on the wire
            write(git, "sdlc-studio/huge.md", "# Huge\n" + "x".repeat(7 * 1024 * 1024));
            commit(git, "first", FIRST);
            String slug = project(server.url("huge"), "sdlc-studio", null);

            JsonPath run = Projects.sync(slug);

            assertCounts(run, 1, 0, 0, 0, 1);
            assertThat(run.getBoolean("completed")).isTrue();
            assertThat(run.getString("status")).isEqualTo("error");
            assertThat(run.getList("errors_detail.file_path")).containsExactly("huge.md");
            assertThat(run.getList("errors_detail.reason")).containsExactly("file too large");
            assertThat(documents(slug)).extracting(row -> row.get("file_path")).containsExactly("small.md");
        }
    }

    @Test
    void aServerThatStallsMidFetchEndsTheRunAsTimedOutInBoundedTime() throws Exception {
        try (Git git = repository("stall")) {
            write(git, "sdlc-studio/a.md", "# A\n" + "y".repeat(100_000));
            commit(git, "first", FIRST);
            String slug = project(server.url("stall"), "sdlc-studio", null);
            server.stallAfterBytes = 300;

            long started = System.nanoTime();
            JsonPath run = Projects.sync(slug);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // %test.sdlc-lens.git.fetch-timeout=5s; the bound is loose so that a busy machine cannot fail it
            assertAborted(run, slug, "the git server did not finish within 5 s");
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            assertThat(documents(slug)).isEmpty();
        }
    }

    @Test
    void parallelTriggersOfARepositoryProjectStartExactlyOneRun() throws Exception {
        try (Git git = repository("parallel")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            String url = server.url("parallel");
            String slug = project(url, "sdlc-studio", null);
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(url)) {
                for (int i = 0; i < 20; i++) {
                    calls.add(client.sendAsync(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port + "/api/v1/projects/" + slug + "/sync"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                List<HttpResponse<String>> responses =
                        calls.stream().map(CompletableFuture::join).toList();
                assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
                assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(19);
                gate.awaitReached();
            }
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> "synced".equals(Projects.get(slug).getString("sync_status")));
            assertThat(Sql.value(
                            "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?",
                            slug))
                    .isEqualTo(1L);
            assertThat(documents(slug)).hasSize(1);
        }
    }

    @Test
    void thePollerAsksAPrivateRepositoryWithTheStoredTokenAndSyncsANewHead() throws Exception {
        server.requireToken("polled", TOKEN);
        try (Git git = repository("polled")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            commit(git, "first", FIRST);
            Map<String, Object> body = new HashMap<>();
            body.put("name", "Polled " + UUID.randomUUID());
            body.put("source_type", "git");
            body.put("repo_url", server.url("polled"));
            body.put("access_token", TOKEN);
            body.put("auto_sync", true);
            String slug = given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("slug");
            try {
                assertCounts(Projects.sync(slug), 1, 0, 0, 0, 0);
                write(git, "sdlc-studio/b.md", "# B\n");
                RevCommit second = commit(git, "second", SECOND);
                Sql.update("UPDATE project SET next_poll_at = clock_timestamp() - interval '1 s' WHERE slug = ?", slug);

                poller.pollDue().await().atMost(Duration.ofSeconds(30));

                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> second.name().equals(Projects.get(slug).getString("last_synced_commit_sha"))
                                && "synced".equals(Projects.get(slug).getString("sync_status")));
                assertThat(Sql.value("SELECT poll_failures FROM project WHERE slug = ?", slug))
                        .isEqualTo(0);
                assertThat(documents(slug)).hasSize(2);
            } finally {
                Sql.update("UPDATE project SET auto_sync = false WHERE slug = ?", slug);
            }
        }
    }

    @Test
    void fetchesAndHeadChecksShowInTheMetrics() throws Exception {
        try (Git git = repository("metrics")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            RevCommit first = commit(git, "first", FIRST);
            Projects.sync(project(server.url("metrics"), "sdlc-studio", null));
            assertThat(gitSource.remoteHead(server.url("metrics"), "main", GitCredentials.none()))
                    .isEqualTo(first.name());
        }
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("sdlc_lens_git_fetch_bytes_count\\{outcome=\"fetched\"[^}]*} [1-9]")
                .containsPattern("sdlc_lens_git_fetch_bytes_sum\\{outcome=\"fetched\"[^}]*} [1-9]")
                .containsPattern("sdlc_lens_git_fetch_seconds_count\\{outcome=\"fetched\"[^}]*} [1-9]")
                .containsPattern("sdlc_lens_git_head_seconds_count\\{outcome=\"answered\"[^}]*} [1-9]");
    }

    // --- helpers ---

    private static String project(String url, String repoPath, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Git " + UUID.randomUUID());
        body.put("source_type", "git");
        body.put("repo_url", url);
        body.put("repo_path", repoPath);
        if (token != null) {
            body.put("access_token", token);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    private static void assertCounts(JsonPath run, int added, int updated, int skipped, int deleted, int errors) {
        assertThat(List.of(
                        run.getInt("added"),
                        run.getInt("updated"),
                        run.getInt("skipped"),
                        run.getInt("deleted"),
                        run.getInt("errors")))
                .as("added, updated, skipped, deleted, errors of %s", run.prettify())
                .containsExactly(added, updated, skipped, deleted, errors);
    }

    /** The run ended error before its commit point, with {@code message} on the run and on the project. */
    private static void assertAborted(JsonPath run, String slug, String message) {
        assertThat(run.getString("status")).isEqualTo("error");
        assertThat(run.getBoolean("completed")).isFalse();
        assertThat(run.getString("error")).contains(message);
        JsonPath project = Projects.get(slug);
        assertThat(project.getString("sync_status")).isEqualTo("error");
        assertThat(project.getString("sync_error")).contains(message);
    }

    private static List<Map<String, Object>> documents(String slug) {
        return Sql.rows(
                "SELECT d.* FROM document d JOIN project p ON p.id = d.project_id WHERE p.slug = ? ORDER BY file_path",
                slug);
    }

    private static Instant modifiedAt(Map<String, Object> row) {
        Object value = row.get("modified_at");
        return value instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    /** No row of the tables that hold or mention credentials has the token in plain text. */
    private static void assertNoPlaintextToken(String token) {
        for (String table : List.of("project", "connection", "sync_run", "sync_run_error")) {
            assertThat(Sql.value("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?", "%" + token + "%"))
                    .as("rows of %s holding the token", table)
                    .isEqualTo(0L);
        }
    }

    private static String story(int n, String status) {
        return "# US000" + n + ": Story " + n + "\n\n> **Status:** " + status + "\n\nBody " + n + ".\n";
    }

    private Git repository(String name) throws GitAPIException {
        return Git.init()
                .setDirectory(served.resolve(name).toFile())
                .setInitialBranch("main")
                .call();
    }

    private static Path worktree(Git git) {
        return git.getRepository().getWorkTree().toPath();
    }

    private static void write(Git git, String path, String content) {
        Folders.write(worktree(git), path, content);
    }

    private static RevCommit commit(Git git, String message, Instant when) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Test", "test@example.com", when, ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }
}
