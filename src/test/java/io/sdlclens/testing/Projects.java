package io.sdlclens.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Projects and syncs driven through the API, as the app would. */
public final class Projects {

    private Projects() {}

    public static String register(Path folder) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Project " + UUID.randomUUID(), "sdlc_path", folder.toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    public static String trigger(String slug) {
        return given().post("/api/v1/projects/" + slug + "/sync")
                .then()
                .statusCode(202)
                .extract()
                .path("run_id");
    }

    /** Triggers a sync, waits for it to end, and returns the finished run. */
    public static JsonPath sync(String slug) {
        String runId = trigger(slug);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !"syncing".equals(run(slug, runId).getString("status")));
        return run(slug, runId);
    }

    public static JsonPath run(String slug, String runId) {
        return given().get("/api/v1/projects/" + slug + "/sync-runs/" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath get(String slug) {
        return given().get("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
