package io.sdlclens.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.EventStreamClient;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.PostgresTestResource;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event stream against the real database: events come from the change notifications of whichever connection
 * committed the change, so a row changed over another connection is exactly what another replica does.
 */
@QuarkusTest
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    EventHub hub;

    @BeforeEach
    void noStreamsLeftOpen() {
        // the test profile allows 5 streams; a test starts once the previous one's have closed
        await().atMost(WAIT).until(() -> hub.openStreams() == 0);
    }

    @Test
    void aClientSeesACreateAndASyncFromStartToEndWithItsProgress() throws Exception {
        try (EventStreamClient stream = EventStreamClient.connect(events)) {
            Path folder = Folders.withDocuments("events-sync", 3);
            String slug = Projects.register(folder);
            JsonPath created = stream.nextEvent("project", p -> slug.equals(p.getString("slug")), WAIT);
            assertThat(created.getString("sync_status")).isEqualTo("never_synced");

            String runId;
            // held at the gate, the run is seen starting whatever the machine's speed
            try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
                runId = Projects.trigger(slug);
                gate.awaitReached();
                stream.nextEvent(
                        "project",
                        p -> slug.equals(p.getString("slug")) && "syncing".equals(p.getString("sync_status")),
                        WAIT);
                JsonPath started = stream.nextEvent("sync-progress", p -> runId.equals(p.getString("run_id")), WAIT);
                assertThat(started.getMap("").keySet())
                        .containsExactlyInAnyOrder(
                                "slug",
                                "run_id",
                                "added",
                                "updated",
                                "skipped",
                                "deleted",
                                "errors",
                                "total",
                                "completed");
                assertThat(started.getMap("")).containsEntry("slug", slug).containsEntry("completed", false);
                assertThat((Object) started.get("total")).as("not listed yet").isNull();
            }
            JsonPath done = stream.nextEvent(
                    "sync-progress", p -> runId.equals(p.getString("run_id")) && p.getBoolean("completed"), WAIT);
            assertThat(done.getMap(""))
                    .containsEntry("added", 3)
                    .containsEntry("errors", 0)
                    .as("total: the files the run listed")
                    .containsEntry("total", 3);
            JsonPath synced = stream.nextEvent(
                    "project",
                    p -> slug.equals(p.getString("slug")) && "synced".equals(p.getString("sync_status")),
                    WAIT);

            Map<String, Object> answered = Projects.get(slug).getMap("");
            assertThat(synced.getMap("")).as("the project as GET answers it").isEqualTo(answered);
        }
    }

    @Test
    void aProjectFilterNarrowsTheStreamAndAnUnknownProjectIsRefused() {
        String mine = Projects.register(Folders.create("events-mine"));
        String other = Projects.register(Folders.create("events-other"));
        try (EventStreamClient stream = EventStreamClient.connect(URI.create(events + "?project=" + mine))) {
            rename(other, "Not for this stream");
            rename(mine, "For this stream");
            JsonPath seen = stream.nextEvent("project", p -> "For this stream".equals(p.getString("name")), WAIT);
            assertThat(seen.getString("slug")).isEqualTo(mine);
            assertThat(stream.seen())
                    .as("nothing of the other project, which changed first")
                    .filteredOn(frame -> frame.event() != null)
                    .allSatisfy(
                            frame -> assertThat(frame.json().getString("slug")).isEqualTo(mine));
        }

        try (EventStreamClient refused = EventStreamClient.open(URI.create(events + "?project=no-such-project"))) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.header("content-type")).startsWith("application/json");
            JsonPath error = JsonPath.from(refused.body());
            assertThat(error.getString("error.code")).isEqualTo("NOT_FOUND");
            assertThat(error.getString("error.message")).isEqualTo("Project not found");
        }
    }

    @Test
    void aDeletedProjectIsAnnounced() {
        String slug = Projects.register(Folders.create("events-deleted"));
        try (EventStreamClient stream = EventStreamClient.connect(events)) {
            given().delete("/api/v1/projects/" + slug).then().statusCode(204);
            JsonPath deleted = stream.nextEvent("project-deleted", p -> slug.equals(p.getString("slug")), WAIT);
            assertThat(deleted.getMap("")).isEqualTo(Map.of("slug", slug));
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() {
        try (EventStreamClient stream = EventStreamClient.connect(events)) {
            // 300 ms in the test profile
            EventStreamClient.Frame beat = stream.next(frame -> "keep-alive".equals(frame.comment()), WAIT);
            assertThat(beat.event()).isNull();
            assertThat(beat.data()).isNull();
        }
    }

    @Test
    void overTheCapAStreamIsRefusedWith503() {
        List<EventStreamClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) { // max-streams in the test profile
                open.add(EventStreamClient.connect(events));
            }
            try (EventStreamClient refused = EventStreamClient.open(events)) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("retry-after")).isEqualTo("5");
                JsonPath error = JsonPath.from(refused.body());
                assertThat(error.getString("error.code")).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(error.getString("error.message")).contains("Too many open event streams");
            }
            open.remove(0).close();
            await().atMost(WAIT).until(() -> hub.openStreams() == 4);
            open.add(EventStreamClient.connect(events)); // a place is free again
        } finally {
            open.forEach(EventStreamClient::close);
        }
    }

    @Test
    void aStalledClientIsDroppedAtItsQueueBound() throws Exception {
        long droppedBefore = hub.droppedClients();
        String slug = Projects.register(Folders.create("events-stalled"));
        try (Socket stalled = new Socket()) {
            // a reader that never reads: the smallest window, so the server's writes stop at once
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress(events.getHost(), events.getPort()), 5000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(WAIT).until(() -> hub.openStreams() == 1);

            String longName = "x".repeat(190);
            try (Connection db = PostgresTestResource.connect();
                    PreparedStatement rename = db.prepareStatement("UPDATE project SET name = ? WHERE slug = ?")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                for (int i = 0; hub.droppedClients() == droppedBefore; i++) {
                    assertThat(System.nanoTime())
                            .as("the stalled client is dropped")
                            .isLessThan(deadline);
                    rename.setString(1, longName + i);
                    rename.setString(2, slug);
                    rename.executeUpdate();
                }
            }
            assertThat(hub.droppedClients()).isEqualTo(droppedBefore + 1);
            assertThat(hub.deepestQueue()).as("events held for one client").isLessThanOrEqualTo(8);
            await().atMost(WAIT).until(() -> hub.openStreams() == 0);

            // its connection was closed: reading what reached it ends (end of stream or reset), it does not hang
            stalled.setSoTimeout(10_000);
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                while (in.read(buffer) >= 0) {
                    // drain
                }
            } catch (java.net.SocketException reset) {
                // closed by the server with data unread: a reset
            }
        }
    }

    @Test
    void aClientSeesTheSyncOfAnotherReplica() throws Exception {
        // Replica B is another connection to the same database doing what SyncLease does: win the lease, record
        // the run, its total, its progress, its end. Its notifications come from the same triggers.
        String slug = Projects.register(Folders.create("events-replica-b"));
        try (EventStreamClient stream = EventStreamClient.connect(URI.create(events + "?project=" + slug));
                Connection b = PostgresTestResource.connect()) {
            UUID runId = UUID.randomUUID();
            execute(b, """
                    UPDATE project SET sync_status = 'syncing', run_id = ?, sync_started_at = clock_timestamp(),
                           heartbeat_at = clock_timestamp()
                     WHERE slug = ?""", runId, slug);
            execute(b, """
                    INSERT INTO sync_run (run_id, project_id, status, started_at, heartbeat_at)
                    SELECT run_id, id, 'syncing', sync_started_at, heartbeat_at FROM project WHERE slug = ?""", slug);
            stream.nextEvent("project", p -> "syncing".equals(p.getString("sync_status")), WAIT);

            // B renews its lease as it goes (the test profile's stale-after is 2 s); a heartbeat alone is no event
            String renew = "UPDATE project SET heartbeat_at = clock_timestamp() WHERE slug = ?";
            execute(b, renew, slug);
            execute(b, "UPDATE sync_run SET total = 4 WHERE run_id = ?", runId);
            execute(b, "UPDATE sync_run SET added = 2 WHERE run_id = ?", runId);
            JsonPath progress = stream.nextEvent("sync-progress", p -> p.getInt("added") == 2, WAIT);
            assertThat(progress.getInt("total")).isEqualTo(4);
            assertThat(progress.getString("run_id")).isEqualTo(runId.toString());
            assertThat(progress.getBoolean("completed")).isFalse();
            execute(b, renew, slug);

            execute(b, """
                    UPDATE sync_run SET added = 4, status = 'synced', completed = true, finished_at = clock_timestamp()
                     WHERE run_id = ?""", runId);
            execute(b, """
                    UPDATE project SET sync_status = 'synced', last_synced_at = clock_timestamp() WHERE slug = ?""", slug);
            JsonPath done = stream.nextEvent("sync-progress", p -> p.getBoolean("completed"), WAIT);
            assertThat(done.getInt("added")).isEqualTo(4);
            JsonPath synced = stream.nextEvent("project", p -> "synced".equals(p.getString("sync_status")), WAIT);
            assertThat(synced.getInt("last_sync.added")).isEqualTo(4);
            assertThat(synced.getString("last_sync.run_id")).isEqualTo(runId.toString());
        }
    }

    private static void rename(String slug, String name) {
        Sql.update("UPDATE project SET name = ? WHERE slug = ?", name, slug);
    }

    private static void execute(Connection connection, String sql, Object... params) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }
}
