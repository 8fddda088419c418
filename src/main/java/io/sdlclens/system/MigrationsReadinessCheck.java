package io.sdlclens.system;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Ready only when the database carries every migration this build ships. Another replica of a newer build may
 * have migrated further, which is fine; a schema behind this build is not.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadinessCheck implements AsyncHealthCheck {

    public static final String NAME = "Database migrations";

    private static final String APPLIED_VERSIONS =
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL";

    private final Pool pool;
    private final Flyway flyway;
    private volatile MigrationVersion expected = MigrationVersion.EMPTY;

    public MigrationsReadinessCheck(Pool pool, Flyway flyway) {
        this.pool = pool;
        this.flyway = flyway;
    }

    /**
     * Learns once which version this build's migrations reach, from the migration files the build ships (Flyway's
     * resource provider lists them without a database round trip; {@code flyway.info()} would open another JDBC
     * connection and read the history table again, right after migrate-at-start did).
     */
    void learnExpectedVersion(@Observes StartupEvent event) {
        expected = latestShipped(flyway.getConfiguration());
    }

    /** The highest version among the versioned SQL migrations ({@code V<version>__<description>.sql}). */
    static MigrationVersion latestShipped(Configuration configuration) {
        String prefix = configuration.getSqlMigrationPrefix();
        String separator = configuration.getSqlMigrationSeparator();
        return configuration
                .getResourceProvider()
                .getResources(prefix, configuration.getSqlMigrationSuffixes())
                .stream()
                .map(LoadableResource::getFilename)
                .filter(name -> name.startsWith(prefix) && name.indexOf(separator) > prefix.length())
                .map(name -> MigrationVersion.fromVersion(name.substring(prefix.length(), name.indexOf(separator))))
                .max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query(APPLIED_VERSIONS)
                .execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> MigrationVersion.fromVersion(row.getString("version")))
                        .max(Comparator.naturalOrder())
                        .orElse(MigrationVersion.EMPTY))
                .map(applied -> HealthCheckResponse.named(NAME)
                        .status(applied.compareTo(expected) >= 0)
                        .withData("migrations", applied.compareTo(expected) >= 0 ? "current" : "pending")
                        .withData("expected", expected.getVersion())
                        .withData("applied", applied.getVersion())
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("migrations", "unknown")
                        .build());
    }
}
