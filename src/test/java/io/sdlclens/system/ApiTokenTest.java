package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With an API token configured, the running service refuses writes without it (the filter is wired in). */
@QuarkusTest
@TestProfile(ApiTokenTest.WithToken.class)
class ApiTokenTest {

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sdlc-lens.api-token", "test-token");
        }
    }

    @Test
    void writesNeedTheBearerToken() {
        Map<String, String> body = Map.of(
                "name",
                "Guarded " + System.nanoTime(),
                "sdlc_path",
                Folders.create("guarded").toString());
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/projects")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer test-token")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/projects")
                .then()
                .statusCode(201);
        given().get("/api/v1/projects").then().statusCode(200);
    }
}
