package io.sdlclens.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL for the whole test run: a Testcontainers container where Docker answers, an embedded
 * server otherwise. The service reaches it through a {@link DatabaseProxy}, so tests can stage an outage.
 */
@QuarkusTestResource(PostgresTestResource.class)
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static Database database;
    private static DatabaseProxy proxy;
    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class);

    public record Database(String host, int port, String database, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    @Override
    public Map<String, String> start() {
        Database db = database();
        String proxied = "localhost:" + proxy.port() + "/" + db.database();
        return Map.of(
                "quarkus.datasource.reactive.url",
                "postgresql://" + proxied,
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + proxied,
                "quarkus.datasource.username",
                db.user(),
                "quarkus.datasource.password",
                db.password(),
                // Test folders live under the temp directory; the packaged (prod) service requires a root.
                "sdlc-lens.allowed-roots",
                System.getProperty("java.io.tmpdir"));
    }

    @Override
    public void stop() {
        // The database outlives each Quarkus start so that test profiles share it; the JVM's exit ends it.
    }

    public static DatabaseProxy proxy() {
        database();
        return proxy;
    }

    /** A direct connection (not through the proxy), for staging and checking rows. */
    public static Connection connect() throws SQLException {
        Database db = database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** A new, empty database on the same server, for tests of the migrations themselves. */
    public static Database createDatabase(String name) throws SQLException {
        Database db = database();
        try (Connection admin = connect();
                java.sql.Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        return new Database(db.host(), db.port(), name, db.user(), db.password());
    }

    private static synchronized Database database() {
        if (database == null) {
            database = isDockerAvailable() ? startContainer() : startEmbedded();
            try {
                proxy = new DatabaseProxy(database.host(), database.port()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    private static boolean isDockerAvailable() {
        // Without a socket or DOCKER_HOST there is nothing to ask: Testcontainers would log three ERRORs
        // ("Could not find a valid Docker environment") before answering no.
        if (System.getenv("DOCKER_HOST") == null
                && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))) {
            LOG.info("No Docker here (no DOCKER_HOST, no docker.sock): tests use an embedded PostgreSQL");
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM
    private static Database startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Database(
                container.getHost(),
                container.getFirstMappedPort(),
                container.getDatabaseName(),
                container.getUsername(),
                container.getPassword());
    }

    private static Database startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away
                }
            }));
            return new Database("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }
}
