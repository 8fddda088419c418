package io.sdlclens.system;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Gives {@code quarkus:dev} a real PostgreSQL when no database is configured: starts an embedded one (data under
 * {@code target/dev-db}) and points both datasources at it. Only in the dev profile, and only where the embedded
 * server is on the class path — it is a provided-scope dependency, so a packaged application never has it.
 */
public class EmbeddedDevDatabase implements ConfigSourceFactory {

    static final int DEFAULT_PORT = 54329;
    private static final Logger LOG = Logger.getLogger(EmbeddedDevDatabase.class);
    private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || isConfigured(context, "quarkus.datasource.reactive.url")) {
            return List.of();
        }
        if (!isAvailable()) {
            return List.of();
        }
        int port = intValue(context, "sdlc-lens.dev-db.port", DEFAULT_PORT);
        Launcher.ensureRunning(port, Path.of("target", "dev-db"));
        Map<String, String> properties = Map.of(
                "quarkus.datasource.reactive.url",
                "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres");
        return List.of(new PropertiesConfigSource(properties, "sdlc-lens-embedded-dev-db", 150));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(150);
    }

    private static boolean isConfigured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static int intValue(ConfigSourceContext context, String name, int fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null
                ? fallback
                : Integer.parseInt(value.getValue().trim());
    }

    private static boolean isAvailable() {
        try {
            Class.forName(EMBEDDED_CLASS, false, EmbeddedDevDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Kept apart so that the embedded server's classes load only when it is really used. */
    private static final class Launcher {

        static synchronized void ensureRunning(int port, Path dataDirectory) {
            // Dev mode builds its configuration more than once (and again on every hot reload, in a new class
            // loader), so a server already answering on the port is the one an earlier pass started.
            if (isListening(port)) {
                return;
            }
            try {
                Files.createDirectories(dataDirectory);
                var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDirectory.toAbsolutePath())
                        .setCleanDataDirectory(false)
                        .start();
                LOG.infof("Started embedded PostgreSQL for dev mode on port %d (data in %s)", port, dataDirectory);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        LOG.debug("Embedded PostgreSQL did not stop cleanly", e);
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded dev PostgreSQL on port " + port, e);
            }
        }

        private static boolean isListening(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
