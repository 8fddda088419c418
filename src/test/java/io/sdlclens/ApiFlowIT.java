package io.sdlclens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Corpus;
import io.sdlclens.testing.Projects;
import org.junit.jupiter.api.Test;

/**
 * The main flows against the packaged application (the JVM jar here, the native binary under -Pnative): register
 * a project, sync it, read documents, search, statistics, health.
 */
@QuarkusIntegrationTest
class ApiFlowIT {

    @Test
    void registerSyncReadAndSearch() {
        given().get("/api/v1/system/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("migrations", equalTo("current"));

        String slug = Projects.register(Corpus.write("it"));
        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getInt("added")).isEqualTo(10);

        JsonPath page = given().get("/api/v1/projects/" + slug + "/documents?type=story&sort=title&order=asc")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getList("items.doc_id", String.class))
                .containsExactly("US0001-register", "US0002-rename", "US0003-sync-status");

        given().get("/api/v1/projects/" + slug + "/documents/story/US0002-rename")
                .then()
                .statusCode(200)
                .body("file_path", equalTo("stories/US0002-rename.md"));
        given().get("/api/v1/projects/" + slug + "/documents/story/US0002-rename/related")
                .then()
                .statusCode(200)
                .body("parents[0].doc_id", equalTo("EP0001-project-management"));

        JsonPath search = given().queryParam("q", "register")
                .queryParam("project", slug)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(search.getList("items.doc_id", String.class)).contains("US0001-register");
        assertThat(search.getString("items[0].snippet")).contains("<mark>");

        given().get("/api/v1/projects/" + slug + "/stats")
                .then()
                .statusCode(200)
                .body("total_documents", equalTo(10));
        given().get("/api/v1/projects/" + slug + "/health-check").then().statusCode(200);
        given().get("/api/v1/stats").then().statusCode(200);
    }

    @Test
    void errorsKeepTheirEnvelope() {
        given().get("/api/v1/projects/none").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        given().contentType("application/json")
                .body("{broken")
                .post("/api/v1/projects")
                .then()
                .statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
