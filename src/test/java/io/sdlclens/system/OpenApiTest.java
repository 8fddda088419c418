package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes every endpoint of the contract with its error responses. */
@QuarkusTest
class OpenApiTest {

    @Test
    void describesEveryEndpointWithItsResponses() {
        JsonPath api = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        assertThat(paths)
                .containsKeys(
                        "/api/v1/projects",
                        "/api/v1/projects/{slug}",
                        "/api/v1/projects/{slug}/sync",
                        "/api/v1/projects/{slug}/sync-runs",
                        "/api/v1/projects/{slug}/sync-runs/{runId}",
                        "/api/v1/projects/{slug}/documents",
                        "/api/v1/projects/{slug}/documents/{type}/{docId}",
                        "/api/v1/projects/{slug}/documents/{type}/{docId}/related",
                        "/api/v1/search",
                        "/api/v1/stats",
                        "/api/v1/projects/{slug}/stats",
                        "/api/v1/projects/{slug}/health-check",
                        "/api/v1/system/health",
                        "/api/v1/hooks/github",
                        "/api/v1/hooks/gitlab");
        assertThat(api.getMap("paths.'/api/v1/projects'.post.responses"))
                .containsKeys("201", "400", "409", "413", "415", "422", "503");
        assertThat(api.getMap("paths.'/api/v1/projects/{slug}/sync'.post.responses"))
                .containsKeys("202", "404", "409");
        assertThat(api.getMap("paths.'/api/v1/hooks/github'.post.responses"))
                .containsKeys("202", "401", "403", "413", "422");
        assertThat(api.getList("paths.'/api/v1/search'.get.parameters.name"))
                .contains("q", "project", "type", "page", "per_page");
        assertThat(api.getMap("components.schemas")).containsKey("Error");
        assertThat(api.getString("paths.'/api/v1/projects'.get.responses.'200'.content.'application/json'.schema.type"))
                .isEqualTo("array");
    }
}
