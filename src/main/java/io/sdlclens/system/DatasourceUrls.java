package io.sdlclens.system;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The service needs both datasource URLs: the reactive one serves every request, the JDBC one is Flyway's at
 * startup. With only one set, Quarkus deactivates the other datasource and fails deep inside Hibernate's boot
 * with a page of stack trace that names neither variable. This check runs first, while the configuration is
 * read, and stops the start with one line naming the missing variable, why, and a value to set.
 *
 * <p>It never fills in the missing URL itself: the two drivers read their URLs differently (credentials in the
 * URL, query parameters such as TLS modes, several hosts), so a derived URL could send Flyway somewhere other than
 * the requests, or over another TLS mode, without anybody having said so. The suggested value is only the
 * host, port and database of the other URL, for a person to check and paste.
 *
 * <p>A {@link ConfigSourceFactory} because that is the first application code a start runs; it contributes no
 * properties. A {@link ConfigurationException} without a cause is what Quarkus prints as its bare message.
 */
@Singleton
public class DatasourceUrls implements ConfigSourceFactory {

    static final String REACTIVE_PROPERTY = "quarkus.datasource.reactive.url";
    static final String JDBC_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String REACTIVE_VARIABLE = "QUARKUS_DATASOURCE_REACTIVE_URL";
    static final String JDBC_VARIABLE = "QUARKUS_DATASOURCE_JDBC_URL";

    /** scheme, optional credentials, then host[:port][/database]; the query string is left out of suggestions */
    private static final Pattern REACTIVE_URL =
            Pattern.compile("^(?:vertx-reactive:)?postgres(?:ql)?://(?:[^@/?#]*@)?([^/?#,]+)(/[^?#]*)?.*$");

    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:postgresql://([^/?#,]+)(/[^?#]*)?.*$");

    /** The problem found while the configuration was read, reported once the application can say it cleanly. */
    private static volatile Optional<String> startupProblem = Optional.empty();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // the build reads the configuration too, with no database in sight; only a starting service is checked
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        startupProblem = problem(value(context, REACTIVE_PROPERTY), value(context, JDBC_PROPERTY));
        if (startupProblem.isEmpty()) {
            return List.of();
        }
        // Keep Hibernate and Flyway from booting on half a database (each fails with its own stack trace), so
        // that the start reaches its first event with logging set up, where the message is said on its own.
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.hibernate-orm.active", "false", "quarkus.flyway.active", "false"),
                "sdlc-lens-datasource-urls",
                500));
    }

    /**
     * Before any other startup work, the scheduler's start (priority 0) and the allowed-roots check included: stops
     * the start with the one line (Quarkus prints the bare message).
     */
    void stopOnProblem(@Observes @Priority(-2) StartupEvent event) {
        startupProblem.ifPresent(message -> {
            throw new ConfigurationException(message);
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    /**
     * What is wrong with this pair of URLs, as one line a person can act on; empty when both are set or neither
     * is (neither: dev mode's embedded database or a test supplies them later, and a start without any database
     * fails on its own terms).
     */
    static Optional<String> problem(Optional<String> reactiveUrl, Optional<String> jdbcUrl) {
        if (reactiveUrl.isPresent() == jdbcUrl.isPresent()) {
            return Optional.empty();
        }
        boolean jdbcMissing = jdbcUrl.isEmpty();
        String missing = jdbcMissing ? JDBC_VARIABLE : REACTIVE_VARIABLE;
        String missingProperty = jdbcMissing ? JDBC_PROPERTY : REACTIVE_PROPERTY;
        String suggestion = jdbcMissing
                ? suggest(REACTIVE_URL, reactiveUrl.get(), "jdbc:postgresql://")
                        .orElse("a JDBC URL of the same database, e.g. jdbc:postgresql://db.example:5432/sdlclens")
                : suggest(JDBC_URL, jdbcUrl.get(), "postgresql://")
                        .orElse("a reactive URL of the same database, e.g. postgresql://db.example:5432/sdlclens");
        return Optional.of(missing + " (" + missingProperty + ") is not set, but "
                + (jdbcMissing ? REACTIVE_VARIABLE : JDBC_VARIABLE)
                + " is: SDLC Lens needs both, pointing at the same PostgreSQL database ("
                + REACTIVE_VARIABLE + " serves requests, " + JDBC_VARIABLE
                + " runs the schema migrations at startup); set " + missing + "=" + suggestion);
    }

    private static Optional<String> suggest(Pattern from, String url, String scheme) {
        Matcher matcher = from.matcher(url.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String database = matcher.group(2) == null ? "" : matcher.group(2);
        return Optional.of(scheme + matcher.group(1) + database);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue());
    }
}
