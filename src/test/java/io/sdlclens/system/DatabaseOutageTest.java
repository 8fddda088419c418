package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.PostgresTestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Health and API behaviour while the database is away, and their recovery without a restart. */
@QuarkusTest
class DatabaseOutageTest {

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    @Test
    void healthyWhileTheDatabaseAnswers() throws Exception {
        given().get("/api/v1/system/health")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("healthy"))
                .body("database", equalTo("connected"))
                .body("version", equalTo(version))
                .body("migrations", equalTo("current"))
                .body("ready", equalTo(true));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                // the version readiness waits for is this build's newest migration file
                .body(
                        "checks.find { it.name == '" + MigrationsReadinessCheck.NAME + "' }.data.expected",
                        equalTo(newestMigrationFile()));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void anOutageIsReportedQuicklyAndRecoveredFromWithoutRestart() throws Exception {
        String slug = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Outage " + System.nanoTime(),
                        "sdlc_path",
                        Folders.create("outage").toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");

        PostgresTestResource.proxy().cut();
        try {
            given().get("/api/v1/system/health")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("unhealthy"))
                    .body("database", equalTo("disconnected"))
                    .body("version", equalTo(version))
                    .body("ready", equalTo(false));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

            for (Response response : new Response[] {
                given().get("/api/v1/projects"),
                given().get("/api/v1/projects/" + slug),
                given().post("/api/v1/projects/" + slug + "/sync"),
                given().get("/api/v1/projects/" + slug + "/sync-runs"),
                given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "name",
                                "During outage",
                                "sdlc_path",
                                Folders.create("o").toString()))
                        .post("/api/v1/projects")
            }) {
                response.then()
                        .statusCode(503)
                        .contentType(ContentType.JSON)
                        .body("error.code", equalTo("SERVICE_UNAVAILABLE"))
                        .body("error.message", notNullValue());
                assertThat(response.time()).as("answered within a few seconds").isLessThan(5_000);
            }
        } finally {
            PostgresTestResource.proxy().restore();
        }

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/v1/system/health").statusCode() == 200);
        given().get("/api/v1/projects/" + slug).then().statusCode(200).body("slug", equalTo(slug));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String newestMigrationFile() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return Integer.toString(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9]+__.*[.]sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow());
        }
    }
}
