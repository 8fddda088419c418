package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.SecuredService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With an API token configured, the running service refuses writes without it (the filter is wired in). */
@QuarkusTest
@TestProfile(SecuredService.class)
class ApiTokenTest {

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
        given().header("Authorization", "Bearer " + SecuredService.API_TOKEN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/projects")
                .then()
                .statusCode(201);
        given().get("/api/v1/projects").then().statusCode(200);
    }
}
