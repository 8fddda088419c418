package io.sdlclens.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away right after sending a trigger (a browser navigating off the page) must never leave the
 * project syncing with no run behind it: once the lease has committed, the run starts whatever became of the HTTP
 * exchange.
 */
@QuarkusTest
class DroppedTriggerTest {

    /** Milliseconds between the request's last byte and the close; -1 closes at once, with a reset. */
    private static final int[] CLOSE_AFTER_MILLIS = {-1, 0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 40, 50};

    private static final int ROUNDS = 4;

    @Test
    void aTriggerWhoseClientHangsUpAlwaysEndsSynced() throws Exception {
        String slug = Projects.register(Folders.withDocuments("dropped", 3));
        long projectId = ((Number) Sql.value("SELECT id FROM project WHERE slug = ?", slug)).longValue();
        assertThat(Projects.sync(slug).getString("status")).isEqualTo("synced");

        for (int round = 0; round < ROUNDS; round++) {
            for (int delay : CLOSE_AFTER_MILLIS) {
                postAndHangUp(slug, delay);
                // The trigger may reach the service or not, and may be handled after this poll began; whichever,
                // the project must come to rest, and no run may have been left for the reaper to call interrupted.
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> !"syncing".equals(project(projectId).get("sync_status")));
                // a run still syncing here was started by a trigger handled late; a stranded one is reaped to error
                assertThat(runsNotSynced(projectId))
                        .as("runs ended otherwise after a trigger closed %d ms after sending (round %d)", delay, round)
                        .allMatch(run -> "syncing".equals(run.get("status")));
            }
        }

        // A trigger handled after its iteration's check is settled here: every run ends, and ends synced.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> runsNotSynced(projectId).stream().noneMatch(run -> "syncing".equals(run.get("status"))));
        assertThat(runsNotSynced(projectId)).as("runs that did not end synced").isEmpty();
        assertThat(project(projectId).get("sync_status")).isEqualTo("synced");
        // The hang-ups must have landed on real triggers, or the test proves nothing.
        long triggered =
                ((Number) Sql.value("SELECT count(*) FROM sync_run WHERE project_id = ?", projectId)).longValue() - 1;
        assertThat(triggered).as("hung-up triggers that started a run").isGreaterThanOrEqualTo(ROUNDS);
    }

    private static void postAndHangUp(String slug, int delayMillis) throws IOException {
        String request = "POST /api/v1/projects/" + slug + "/sync HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (delayMillis < 0) {
                socket.setSoLinger(true, 0); // a reset, the most abrupt hang-up
            } else {
                // the hang-up moment is what is under test, not a wait for an outcome
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
            }
        }
    }

    private static Map<String, Object> project(long projectId) {
        return Sql.rows("SELECT sync_status, sync_error, run_id FROM project WHERE id = ?", projectId)
                .get(0);
    }

    private static List<Map<String, Object>> runsNotSynced(long projectId) {
        return Sql.rows(
                "SELECT run_id, status, error FROM sync_run WHERE project_id = ? AND status <> 'synced'", projectId);
    }
}
