package io.sdlclens.system;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives {@code quarkus:dev} a real PostgreSQL when no database is configured: starts an embedded one (data under
 * {@code target/dev-db}) and points both datasources at it. Only in the dev profile, and only where the embedded
 * server is on the class path — it is a provided-scope dependency, so a packaged application never has it.
 */
public class EmbeddedDevDatabase implements ConfigSourceFactory {

    static final int DEFAULT_PORT = 54329;
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
        // a separate class, so that the embedded server's classes load only when it is really used
        new DevDatabaseLauncher(port, Path.of("target", "dev-db")).ensureRunning();
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
}
