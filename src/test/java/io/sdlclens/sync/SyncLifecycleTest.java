package io.sdlclens.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.LogRecords;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyncLifecycleTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    SyncRunner runner;

    @Inject
    SyncConfig config;

    static String project(Path folder) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Sync " + UUID.randomUUID(), "sdlc_path", folder.toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    static String trigger(String slug) {
        return given().post("/api/v1/projects/" + slug + "/sync")
                .then()
                .statusCode(202)
                .extract()
                .path("run_id");
    }

    static JsonPath projectJson(String slug) {
        return given().get("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath awaitStatus(String slug, String status) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(projectJson(slug).getString("sync_status")));
        return projectJson(slug);
    }

    static void assertSyncInProgress(String slug) {
        given().post("/api/v1/projects/" + slug + "/sync")
                .then()
                .statusCode(409)
                .body("error.code", equalTo("SYNC_IN_PROGRESS"))
                .body("error.message", equalTo("Sync already running for this project"));
    }

    @Test
    void triggerAnswers202WithTheRunAndSyncs() {
        String slug = project(Folders.withDocuments("sync", 3));

        io.restassured.response.Response response = given().post("/api/v1/projects/" + slug + "/sync");
        String runId = response.then()
                .statusCode(202)
                .header("Location", startsWith("http"))
                .body("slug", equalTo(slug))
                .body("sync_status", equalTo("syncing"))
                .body("message", equalTo("Sync started"))
                .body("run_id", notNullValue())
                .extract()
                .path("run_id");

        assertThat(response.header("Location")).endsWith("/api/v1/projects/" + slug + "/sync-runs/" + runId);

        JsonPath synced = awaitStatus(slug, "synced");
        assertThat(synced.getString("sync_error")).isNull();
        assertThat(synced.getString("last_synced_at")).isNotNull();
        assertThat(synced.getString("last_sync.run_id")).isEqualTo(runId);
        assertThat(synced.getString("last_sync.status")).isEqualTo("synced");
        assertThat(synced.getMap("last_sync")).doesNotContainKey("errors_detail");

        given().get("/api/v1/projects/" + slug + "/sync-runs/" + runId)
                .then()
                .statusCode(200)
                .body("run_id", equalTo(runId))
                .body("status", equalTo("synced"))
                .body("completed", equalTo(true))
                .body("added", equalTo(3))
                .body("errors", equalTo(0))
                .body("error", nullValue())
                .body("finished_at", notNullValue())
                .body("heartbeat_at", notNullValue())
                .body("errors_detail", hasSize(0));
    }

    @Test
    void unknownProjectIs404() {
        given().post("/api/v1/projects/no-such-project/sync")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"))
                .body("error.message", equalTo("Project not found"));
        given().get("/api/v1/projects/no-such-project/sync-runs").then().statusCode(404);
    }

    @Test
    void emptyFolderSyncsWithNoDocuments() {
        String slug = project(Folders.create("empty"));
        String runId = trigger(slug);
        JsonPath synced = awaitStatus(slug, "synced");
        assertThat(synced.getInt("document_count")).isZero();
        assertThat(Sql.value("SELECT completed FROM sync_run WHERE run_id = ?::uuid", runId))
                .isEqualTo(true);
    }

    @Test
    void pathDeletedAfterRegistrationEndsInError() throws Exception {
        Path folder = Folders.create("vanishing");
        String slug = project(folder);
        Files.delete(folder);

        String runId = trigger(slug);
        JsonPath failed = awaitStatus(slug, "error");
        assertThat(failed.getString("sync_error")).isEqualTo("sdlc-studio path not found: " + folder);
        assertThat(failed.getString("last_synced_at")).isNull();
        given().get("/api/v1/projects/" + slug + "/sync-runs/" + runId)
                .then()
                .body("status", equalTo("error"))
                .body("completed", equalTo(false))
                .body("error", equalTo("sdlc-studio path not found: " + folder));
    }

    @Test
    void resyncWorksFromErrorAndFromSynced() throws Exception {
        Path folder = Folders.create("resync");
        String slug = project(folder);
        Files.delete(folder);
        trigger(slug);
        awaitStatus(slug, "error");

        Files.createDirectories(folder);
        trigger(slug);
        JsonPath synced = awaitStatus(slug, "synced");
        assertThat(synced.getString("sync_error")).isNull();

        trigger(slug);
        awaitStatus(slug, "synced");
        given().get("/api/v1/projects/" + slug + "/sync-runs")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
    }

    @Test
    void rapidTriggersAre409UntilTheRunEnds() throws Exception {
        Path folder = Folders.create("rapid");
        String slug = project(folder);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            trigger(slug);
            gate.awaitReached();
            for (int i = 0; i < 5; i++) {
                assertSyncInProgress(slug);
            }
            assertThat(projectJson(slug).getString("sync_status")).isEqualTo("syncing");
            gate.open();
            awaitStatus(slug, "synced");
        }
        trigger(slug);
        awaitStatus(slug, "synced");
    }

    @Test
    void fiftyParallelTriggersStartExactlyOneRun() throws Exception {
        Path folder = Folders.create("parallel");
        String slug = project(folder);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            for (int i = 0; i < 50; i++) {
                calls.add(client.sendAsync(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/projects/" + slug + "/sync"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses =
                    calls.stream().map(CompletableFuture::join).toList();
            assertThat(responses).filteredOn(r -> r.statusCode() == 202).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(49);
            assertThat(responses)
                    .filteredOn(r -> r.statusCode() == 409)
                    .allSatisfy(r -> assertThat(r.body()).contains("SYNC_IN_PROGRESS"));
        }
        awaitStatus(slug, "synced");
        assertThat(Sql.value(
                        "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?", slug))
                .isEqualTo(1L);
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverAtOnce() {
        String slug = project(Folders.create("dead-holder"));
        UUID deadRun = UUID.randomUUID();
        stageDeadHolder(slug, deadRun, "1 hour");

        String runId = trigger(slug);
        assertThat(runId).isNotEqualTo(deadRun.toString());
        awaitStatus(slug, "synced");
        Map<String, Object> dead = Sql.rows("SELECT status, error, finished_at FROM sync_run WHERE run_id = ?", deadRun)
                .get(0);
        assertThat(dead.get("status")).isEqualTo("error");
        assertThat((String) dead.get("error")).startsWith("sync interrupted: no heartbeat since ");
        assertThat(dead.get("finished_at")).isNotNull();
    }

    @Test
    void aTriggerDoesNotWaitLongOnARowAnotherSessionHoldsLocked() throws Exception {
        String slug = project(Folders.create("row-locked"));
        // A holder frozen inside a batch keeps the project row locked; a trigger must answer, not queue.
        try (java.sql.Connection holder = io.sdlclens.testing.PostgresTestResource.connect()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT 1 FROM project WHERE slug = ? FOR UPDATE")) {
                lock.setString(1, slug);
                lock.executeQuery();
            }
            long start = System.nanoTime();
            assertSyncInProgress(slug);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            holder.rollback();
        }
        trigger(slug);
        awaitStatus(slug, "synced");
    }

    @Test
    void aLiveHoldersLeaseIsNotTakenOver() {
        String slug = project(Folders.create("live-holder"));
        stageDeadHolder(slug, UUID.randomUUID(), "0 seconds");
        assertSyncInProgress(slug);
    }

    @Test
    void theReaperEndsStaleLeases() {
        String slug = project(Folders.create("reaped"));
        UUID deadRun = UUID.randomUUID();
        stageDeadHolder(slug, deadRun, "1 hour");

        JsonPath reaped = awaitStatus(slug, "error");
        assertThat(reaped.getString("sync_error")).startsWith("sync interrupted: no heartbeat since ");
        assertThat(Sql.value("SELECT status FROM sync_run WHERE run_id = ?", deadRun))
                .isEqualTo("error");
    }

    @Test
    void aRunLongerThanTheStaleTimeoutKeepsItsLease() throws Exception {
        Path folder = Folders.create("long-run");
        String slug = project(folder);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            String runId = trigger(slug);
            gate.awaitReached();
            long deadline =
                    System.nanoTime() + config.staleAfter().multipliedBy(2).toNanos();
            while (System.nanoTime() < deadline) {
                assertSyncInProgress(slug);
                assertThat(projectJson(slug).getString("sync_status")).isEqualTo("syncing");
                Thread.sleep(200);
            }
            assertThat(Sql.value("SELECT run_id::text FROM project WHERE slug = ?", slug))
                    .isEqualTo(runId);
            gate.open();
            awaitStatus(slug, "synced");
        }
    }

    @Test
    void aRunThatLostItsLeaseWritesNothingMore() throws Exception {
        Path folder = Folders.withDocuments("fenced", 3);
        String slug = project(folder);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            String firstRun = trigger(slug);
            gate.awaitReached();
            // Another replica takes the lease over (as its compare-and-set would after a stall).
            UUID newRun = UUID.randomUUID();
            Sql.update(
                    "UPDATE project SET run_id = ?, heartbeat_at = clock_timestamp() + interval '1 hour' WHERE slug = ?",
                    newRun,
                    slug);
            Map<String, Object> before = leaseRow(slug);
            gate.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.activeCount() == 0);

            assertThat(leaseRow(slug)).isEqualTo(before);
            Map<String, Object> first = Sql.rows(
                            "SELECT status, finished_at, added FROM sync_run WHERE run_id = ?::uuid", firstRun)
                    .get(0);
            assertThat(first.get("status")).isEqualTo("syncing");
            assertThat(first.get("finished_at")).isNull();
            assertThat(first.get("added")).isEqualTo(0);
            assertThat(Sql.value(
                            "SELECT count(*) FROM document d JOIN project p ON p.id = d.project_id WHERE p.slug = ?",
                            slug))
                    .as("no document written by the run that lost its lease")
                    .isEqualTo(0L);
        }
    }

    @Test
    void gracefulShutdownMarksItsOwnRunsInterrupted() throws Exception {
        Path folder = Folders.create("shutdown");
        String slug = project(folder);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            String runId = trigger(slug);
            gate.awaitReached();
            runner.interruptAll(SyncRunner.SHUTDOWN_MESSAGE, Duration.ofSeconds(5));

            JsonPath interrupted = projectJson(slug);
            assertThat(interrupted.getString("sync_status")).isEqualTo("error");
            assertThat(interrupted.getString("sync_error")).isEqualTo("interrupted by shutdown");
            assertThat(interrupted.getString("last_synced_at")).isNull();
            given().get("/api/v1/projects/" + slug + "/sync-runs/" + runId)
                    .then()
                    .body("status", equalTo("error"))
                    .body("error", equalTo("interrupted by shutdown"))
                    .body("completed", equalTo(false));
        }
        trigger(slug);
        awaitStatus(slug, "synced");
    }

    @Test
    void deletingAProjectWhileItSyncsLeavesNothingBehind() throws Exception {
        Path folder = Folders.create("delete-mid-sync");
        String slug = project(folder);
        Object id = Sql.value("SELECT id FROM project WHERE slug = ?", slug);
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString());
                LogRecords log = LogRecords.capture(Level.INFO)) {
            trigger(slug);
            gate.awaitReached();
            given().delete("/api/v1/projects/" + slug).then().statusCode(204);
            gate.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.activeCount() == 0);
            // an allowed action is not a warning: the run says at INFO why it stopped
            String stopped = "of project " + slug + " stopped: the project was deleted";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> log.lines().stream().anyMatch(line -> line.endsWith(stopped)));
            assertThat(log.lines())
                    .filteredOn(line -> line.contains(slug))
                    .noneMatch(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
                    .anyMatch(line -> line.startsWith("INFO io.sdlclens.sync.SyncRunner: ") && line.endsWith(stopped));
        }
        assertThat(Sql.value("SELECT count(*) FROM sync_run WHERE project_id = ?", id))
                .isEqualTo(0L);
        assertThat(Sql.value("SELECT count(*) FROM project WHERE id = ?", id)).isEqualTo(0L);
    }

    @Test
    void runsAreListedNewestFirstWithALimit() {
        String slug = project(Folders.create("history"));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runIds.add(trigger(slug));
            awaitStatus(slug, "synced");
        }
        List<String> listed = given().get("/api/v1/projects/" + slug + "/sync-runs")
                .then()
                .statusCode(200)
                .extract()
                .path("run_id");
        assertThat(listed).containsExactly(runIds.get(2), runIds.get(1), runIds.get(0));
        given().get("/api/v1/projects/" + slug + "/sync-runs?limit=2").then().body("$", hasSize(2));
        given().get("/api/v1/projects/" + slug + "/sync-runs?limit=1000").then().body("$", hasSize(3));
        for (String bad : List.of("0", "-1", "abc", "1.5")) {
            given().get("/api/v1/projects/" + slug + "/sync-runs?limit=" + bad)
                    .then()
                    .statusCode(422)
                    .body("error.code", equalTo("VALIDATION_ERROR"))
                    .body("error.message", startsWith("limit:"));
        }
        given().get("/api/v1/projects/" + slug + "/sync-runs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        given().get("/api/v1/projects/" + slug + "/sync-runs/not-a-uuid").then().statusCode(404);
    }

    /** One statement: the reaper (every 500 ms here) must never see the project without its run. */
    private static void stageDeadHolder(String slug, UUID runId, String heartbeatAge) {
        Sql.update("""
                WITH held AS (
                    UPDATE project SET sync_status = 'syncing', run_id = ?, sync_started_at = clock_timestamp(),
                           heartbeat_at = clock_timestamp() - ?::interval
                     WHERE slug = ?
                 RETURNING run_id, id, sync_started_at, heartbeat_at)
                INSERT INTO sync_run (run_id, project_id, status, started_at, heartbeat_at)
                SELECT run_id, id, 'syncing', sync_started_at, heartbeat_at FROM held
                """, runId, heartbeatAge, slug);
    }

    private static Map<String, Object> leaseRow(String slug) {
        return Sql.rows(
                        "SELECT sync_status, sync_error, run_id, heartbeat_at, last_synced_at FROM project WHERE slug = ?",
                        slug)
                .get(0);
    }
}
