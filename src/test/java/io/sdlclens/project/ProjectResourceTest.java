package io.sdlclens.project;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Sql;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectResourceTest {

    static String unique(String base) {
        return base + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String create(String name, Path path) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "sdlc_path", path.toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    @Test
    void createReturnsTheProjectWithLocation() {
        Path folder = Folders.create("create");
        String name = unique("My Cool_Project");
        String expectedSlug = Slugs.of(name);

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "  " + name + "  ", "sdlc_path", folder + "/"))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/projects/" + expectedSlug))
                .contentType(ContentType.JSON)
                .body("slug", equalTo(expectedSlug))
                .body("name", equalTo(name))
                .body("source_type", equalTo("local"))
                .body("sdlc_path", equalTo(folder.toString()))
                .body("sync_status", equalTo("never_synced"))
                .body("sync_error", nullValue())
                .body("last_synced_at", nullValue())
                .body("document_count", equalTo(0))
                .body("last_sync", nullValue())
                .body(
                        "created_at",
                        org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        assertThat(Sql.value("SELECT sdlc_path FROM project WHERE slug = ?", expectedSlug))
                .isEqualTo(folder.toString());
    }
}
