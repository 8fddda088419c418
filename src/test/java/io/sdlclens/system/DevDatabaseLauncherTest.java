package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sdlclens.system.DevDatabaseLauncher.Outcome;
import io.sdlclens.system.DevDatabaseLauncher.Running;
import io.sdlclens.testing.Folders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dev database launcher on real PostgreSQL processes, a real killed JVM and a real foreign listener. */
class DevDatabaseLauncherTest {

    private final List<DevDatabaseLauncher> launched = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        children.forEach(Process::destroyForcibly);
        launched.forEach(DevDatabaseLauncher::stop);
    }

    @Test
    void aServerLeftByAHardKilledDevModeIsStoppedAndStartedAfreshWithItsData() throws Exception {
        int port = freePort();
        Path data = Folders.create("dev-db").resolve("dev-db");
        DevDatabaseLauncher launcher = launcher(port, data);

        long orphanPid = startInChildJvmAndKillIt(port, data);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
                .as("kill -9 of the dev-mode JVM leaves its PostgreSQL running")
                .contains(true);

        Running running = launcher.ensureRunning();

        assertThat(running.outcome()).isEqualTo(Outcome.REPLACED_ORPHAN);
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(running.postmasterPid()).isNotEqualTo(orphanPid);
        assertThat(ProcessHandle.of(running.postmasterPid()).map(ProcessHandle::isAlive))
                .contains(true);
        assertThat(query(port, "SELECT count(*) FROM survived")).isEqualTo("1");
    }

    @Test
    void theLiveOwnerReusesItsServerAndAnotherDataDirectoryOnThePortIsRefused() {
        int port = freePort();
        Path data = Folders.create("dev-db").resolve("dev-db");

        Running first = launcher(port, data).ensureRunning();
        // dev mode builds its configuration again (and on every hot reload, in a new class loader)
        Running again = launcher(port, data).ensureRunning();

        assertThat(first.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(again.outcome()).isEqualTo(Outcome.REUSED);
        assertThat(again.postmasterPid()).isEqualTo(first.postmasterPid());

        Path otherCheckout = Folders.create("dev-db").resolve("dev-db");
        assertThatThrownBy(() -> launcher(port, otherCheckout).ensureRunning())
                .isInstanceOf(DevDatabaseLauncher.Unavailable.class)
                .hasMessageContaining("SDLC_LENS_DEV_DB_PORT")
                .hasMessageContaining("another PostgreSQL");
        assertThat(Files.exists(otherCheckout.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void aForeignProgramOnThePortFailsFastNamingTheSetting() throws IOException {
        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = foreign.getLocalPort();
            DevDatabaseLauncher launcher =
                    launcher(port, Folders.create("dev-db").resolve("dev-db"));

            // it accepts connections and never answers: the launcher must not wait for it
            assertTimeoutPreemptively(
                    Duration.ofSeconds(15),
                    () -> assertThatThrownBy(launcher::ensureRunning)
                            .isInstanceOf(DevDatabaseLauncher.Unavailable.class)
                            .hasMessageContaining("Port " + port)
                            .hasMessageContaining("another program")
                            .hasMessageContaining("SDLC_LENS_DEV_DB_PORT")
                            .message()
                            .doesNotContain("\n"));
        }
    }

    private DevDatabaseLauncher launcher(int port, Path data) {
        DevDatabaseLauncher launcher = new DevDatabaseLauncher(port, data);
        launched.add(launcher);
        return launcher;
    }

    /** Runs the launcher in its own JVM, creates a table there, then kills that JVM as kill -9 would. */
    private long startInChildJvmAndKillIt(int port, Path data) throws Exception {
        Path output = Files.createTempFile("dev-db-child", ".log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DevDatabaseLauncherChild.class.getName(),
                        Integer.toString(port),
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        children.add(child);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(output).contains("READY "));
        String log = Files.readString(output);
        long pid =
                Long.parseLong(log.substring(log.indexOf("READY ") + 6).strip().split("\\s+")[0]);
        query(port, "CREATE TABLE survived AS SELECT 1 AS x");
        child.destroyForcibly().waitFor();
        return pid;
    }

    private static String query(int port, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet rows = statement.getResultSet()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
