package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sdlclens.testing.PostgresTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real PostgreSQL, started as the README says: it becomes ready, and its log has no
 * WARN or ERROR line — on the first start (an empty database, migrated) and on a restart (the schema current).
 */
class PackagedStartIT {

    /**
     * WARN/ERROR lines a normal start may print because a person can act on them. None today; a line added here
     * must say what the person does about it.
     */
    private static final List<Pattern> ACTIONABLE = List.of();

    /** A log line at WARN or above: the service's format, or the JDK's own for anything logged before it. */
    private static final Pattern WARN_OR_ERROR =
            Pattern.compile("^(\\S+ \\S+ +(WARN|ERROR|FATAL) .*|(WARNING|SEVERE): .*)$");

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void startsReadyWithAQuietLogOnAnEmptyDatabaseAndAgainOnAMigratedOne() throws Exception {
        assumeTrue(PackagedService.isPackaged(), "runs after package");
        PostgresTestResource.Database db = PostgresTestResource.createDatabase(
                "packaged_start_" + UUID.randomUUID().toString().replace("-", ""));

        for (String start : List.of("first", "restart")) {
            int port = PackagedService.freePort();
            Map<String, String> environment = Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL",
                    "postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                    "QUARKUS_DATASOURCE_JDBC_URL",
                    db.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME",
                    db.user(),
                    "QUARKUS_DATASOURCE_PASSWORD",
                    db.password(),
                    "QUARKUS_HTTP_HOST",
                    "127.0.0.1",
                    "QUARKUS_HTTP_PORT",
                    Integer.toString(port),
                    "SDLC_LENS_ALLOWED_ROOTS",
                    temp.toString());
            try (PackagedService service = PackagedService.start(environment, temp.resolve(start + ".log"))) {
                awaitReady(service, port);
                String output = service.output();

                assertThat(output.lines()
                                .filter(line -> WARN_OR_ERROR.matcher(line).matches()))
                        .as("%s start: WARN/ERROR lines nobody can act on, in:%n%s", start, output)
                        .filteredOn(line -> ACTIONABLE.stream()
                                .noneMatch(p -> p.matcher(line).find()))
                        .isEmpty();
                assertThat(output)
                        .as("%s start: a stack trace in:%n%s", start, output)
                        .doesNotContain("\tat ");
            }
        }
    }

    @Test
    void withoutAllowedRootsTheStartStopsWithOneLineSayingWhatToSet() throws Exception {
        assumeTrue(PackagedService.isPackaged(), "runs after package");
        PostgresTestResource.Database db = PostgresTestResource.createDatabase(
                "packaged_roots_" + UUID.randomUUID().toString().replace("-", ""));
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                "QUARKUS_DATASOURCE_JDBC_URL",
                db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME",
                db.user(),
                "QUARKUS_DATASOURCE_PASSWORD",
                db.password(),
                "QUARKUS_HTTP_HOST",
                "127.0.0.1",
                "QUARKUS_HTTP_PORT",
                Integer.toString(PackagedService.freePort()));
        try (PackagedService service = PackagedService.start(environment, temp.resolve("no-roots.log"))) {
            assertThat(service.process().waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as("the start ends by itself")
                    .isTrue();
            String output = service.output();
            assertThat(service.process().exitValue()).as(output).isEqualTo(1);
            assertThat(output.lines().filter(line -> line.contains("SDLC_LENS_ALLOWED_ROOTS")))
                    .as(output)
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .contains("is not set", "SDLC_LENS_ALLOWED_ROOTS=/data/projects");
            assertThat(output).as(output).doesNotContain("\tat ", "IllegalStateException");
        }
    }

    private static void awaitReady(PackagedService service, int port) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.process().isAlive())
                    .as("the service exited before it was ready:%n%s", service.output())
                    .isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // poll again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready within " + READY_WITHIN + ":\n" + service.output());
    }
}
