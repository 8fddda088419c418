package io.sdlclens.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Starts the embedded PostgreSQL of dev mode, or finds the one already serving its data directory. A plain class
 * (no Quarkus), so that its decisions are tested on real processes.
 *
 * <p>The embedded server is a separate process ({@code pg_ctl start}): a dev mode killed with {@code kill -9}
 * leaves it running. So a server on the port is trusted only when it is provably ours: PostgreSQL's own lock file
 * ({@code postmaster.pid}) names a live {@code postgres} process, and the server answering on the port reports
 * this data directory. Our owner marker names the dev-mode JVM that started it: while that JVM lives (an earlier
 * configuration pass or hot reload of this one, or a second dev mode of the same checkout) the server is reused;
 * when it is gone, the server is an orphan and is stopped, then started afresh by this JVM. Starting afresh
 * (rather than adopting) makes this JVM the server's owner with the binaries and settings of the current build, and
 * its normal shutdown stops it again. Anything else on the port fails fast, naming {@value #PORT_VARIABLE}.
 */
public final class DevDatabaseLauncher {

    static final String PORT_VARIABLE = "SDLC_LENS_DEV_DB_PORT";
    static final String OWNER_FILE = "sdlc-lens-owner.properties";
    private static final Logger LOG = Logger.getLogger(DevDatabaseLauncher.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** How {@link #ensureRunning()} got a server. */
    public enum Outcome {
        /** nothing of ours was running: started one */
        STARTED,
        /** a live dev-mode JVM (maybe this one) owns the running server: used it as it is */
        REUSED,
        /** a server of ours outlived the JVM that started it: stopped it and started one */
        REPLACED_ORPHAN
    }

    /** A running server of this data directory. */
    public record Running(int port, long postmasterPid, Outcome outcome) {}

    /** The dev database cannot be had; the message says what to do, on one line. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            // no stack trace: dev mode prints the message, and the message is the whole story
            super(message, null, false, false);
        }
    }

    private final int port;
    private final Path dataDirectory;

    public DevDatabaseLauncher(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /**
     * Returns a running server of this data directory on this port, started now or found.
     *
     * @throws Unavailable when another program holds the port, or this data directory is served on another port by
     *     a live dev mode
     */
    public Running ensureRunning() {
        synchronized (DevDatabaseLauncher.class) {
            try {
                Files.createDirectories(dataDirectory);
                boolean replaced = false;
                Optional<ProcessHandle> postmaster = livePostmaster();
                if (postmaster.isPresent()) {
                    Optional<Running> reused = reuseIfOwned(postmaster.get());
                    if (reused.isPresent()) {
                        return reused.get();
                    }
                    LOG.infof(
                            "Stopping the dev database left running by a dev mode that is gone (postgres pid %d)",
                            postmaster.get().pid());
                    stop(postmaster.get());
                    replaced = true;
                }
                if (isListening()) {
                    throw foreign();
                }
                return start(replaced ? Outcome.REPLACED_ORPHAN : Outcome.STARTED);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not prepare the dev database in " + dataDirectory, e);
            }
        }
    }

    /** Stops the server of this data directory, if one runs (for tests and scripts; dev mode stops its own). */
    public void stop() {
        synchronized (DevDatabaseLauncher.class) {
            livePostmaster().ifPresent(this::stop);
        }
    }

    private Optional<Running> reuseIfOwned(ProcessHandle postmaster) {
        Optional<ProcessHandle> owner = liveOwner();
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        int servedPort = lockFileLine(3).map(Integer::parseInt).orElse(-1);
        if (servedPort != port) {
            throw new Unavailable(String.format(
                    "The dev database in %s is in use on port %d by a running dev mode (pid %d): stop it, or set"
                            + " %s=%d to share it",
                    dataDirectory, servedPort, owner.get().pid(), PORT_VARIABLE, servedPort));
        }
        if (!isOurs(answeringDataDirectory())) {
            throw foreign();
        }
        if (owner.get().pid() != ProcessHandle.current().pid()) {
            LOG.infof(
                    "Sharing the dev database on port %d with the dev mode of pid %d (it stops when that one does)",
                    port, owner.get().pid());
        }
        return Optional.of(new Running(port, postmaster.pid(), Outcome.REUSED));
    }

    private Running start(Outcome outcome) throws IOException {
        EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                .start(); // registers its own shutdown hook, which stops the server when this JVM ends normally
        long pid = livePostmaster()
                .map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("embedded PostgreSQL started without postmaster.pid"));
        writeOwner(pid);
        LOG.infof("Started embedded PostgreSQL for dev mode on port %d (data in %s)", port, dataDirectory);
        return new Running(port, pid, outcome);
    }

    /**
     * Fast shutdown (SIGINT, what {@code pg_ctl stop -m fast} sends; pg_ctl itself refuses to run as root), else
     * SIGTERM; waits until the process is gone.
     */
    private void stop(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                postmaster.destroy();
            }
            postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(
                    "Interrupted while stopping the leftover dev database (pid " + postmaster.pid() + ")");
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new Unavailable(String.format(
                    "Could not stop the leftover dev database (postgres pid %d, data in %s): stop it with kill %d",
                    postmaster.pid(), dataDirectory, postmaster.pid()));
        }
    }

    /** The live postmaster that PostgreSQL's lock file names, if it is still a postgres process. */
    private Optional<ProcessHandle> livePostmaster() {
        return lockFileLine(0)
                .flatMap(pid -> {
                    try {
                        return ProcessHandle.of(Long.parseLong(pid));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .filter(ProcessHandle::isAlive)
                // a stale lock file whose pid now belongs to another program is not a server
                .filter(handle -> handle.info()
                        .command()
                        .map(c -> c.endsWith("/postgres"))
                        .orElse(true));
    }

    /** A line of postmaster.pid: 0 pid, 1 data directory, 2 start time, 3 port. */
    private Optional<String> lockFileLine(int index) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return index < lines.size() ? Optional.of(lines.get(index).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The dev-mode JVM that started the running server, if it still lives (its start time guards pid reuse). */
    private Optional<ProcessHandle> liveOwner() {
        Properties owner = new Properties();
        try (InputStream in = Files.newInputStream(dataDirectory.resolve(OWNER_FILE))) {
            owner.load(in);
            long pid = Long.parseLong(owner.getProperty("owner.pid", "-1"));
            String started = owner.getProperty("owner.started", "");
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> started.isEmpty()
                            || handle.info()
                                    .startInstant()
                                    .map(at -> at.toString().equals(started))
                                    .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writeOwner(long postmasterPid) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Properties owner = new Properties();
        owner.setProperty("owner.pid", Long.toString(self.pid()));
        owner.setProperty(
                "owner.started",
                self.info().startInstant().map(Instant::toString).orElse(""));
        owner.setProperty("postmaster.pid", Long.toString(postmasterPid));
        owner.setProperty("port", Integer.toString(port));
        try (OutputStream out = Files.newOutputStream(dataDirectory.resolve(OWNER_FILE))) {
            owner.store(out, "the dev-mode JVM that started this embedded PostgreSQL");
        }
    }

    private Unavailable foreign() {
        String what = answeringDataDirectory()
                .map(dir -> "another PostgreSQL (data in " + dir + ")")
                .orElse("another program");
        return new Unavailable(String.format(
                "Port %d is held by %s, not by this checkout's dev database (%s): stop it, or set %s to a free port",
                port, what, dataDirectory, PORT_VARIABLE));
    }

    private boolean isOurs(Optional<String> answering) {
        try {
            return answering.isPresent()
                    && Path.of(answering.get()).toRealPath().equals(dataDirectory.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The data directory of the PostgreSQL answering on the port as our trust-authenticated superuser, if it does.
     * Short timeouts: a program that accepts connections and never answers must not hang dev mode.
     */
    private Optional<String> answeringDataDirectory() {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "2");
        properties.setProperty("loginTimeout", "3");
        try (Connection connection = new org.postgresql.Driver()
                        .connect("jdbc:postgresql://localhost:" + port + "/postgres", properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW data_directory")) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
