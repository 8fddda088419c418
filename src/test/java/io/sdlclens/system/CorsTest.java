package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The single-page app's origin (configured) may call the API; other origins may not. */
@QuarkusTest
class CorsTest {

    @Test
    void theConfiguredOriginIsAllowed() {
        given().header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/projects/x")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://app.example"))
                .header("Access-Control-Allow-Methods", containsString("DELETE"));
        given().header("Origin", "https://app.example")
                .get("/api/v1/projects")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://app.example"))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void otherOriginsAreNot() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/projects")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example")
                .get("/api/v1/projects")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .body("error.code", equalTo("FORBIDDEN"));
        // Same origin needs no CORS at all.
        given().header("Origin", RestAssured.baseURI + ":" + RestAssured.port)
                .get("/api/v1/projects")
                .then()
                .statusCode(200);
    }
}
