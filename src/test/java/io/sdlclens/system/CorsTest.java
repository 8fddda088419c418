package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The single-page app's origin (configured) may call the API; other origins may not, and every refusal is the
 * envelope naming what to configure.
 */
@QuarkusTest
class CorsTest {

    private static final String APP = "https://app.example";

    @Test
    void theConfiguredOriginIsAllowed() {
        given().header("Origin", APP)
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/projects/x")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Allow-Methods", containsString("DELETE"));
        given().header("Origin", APP)
                .get("/api/v1/projects")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(APP))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void sameOriginNeedsNoCors() {
        given().header("Origin", RestAssured.baseURI + ":" + RestAssured.port)
                .get("/api/v1/projects")
                .then()
                .statusCode(200);
    }

    @Test
    void aForeignOriginIsRefusedInTheEnvelope() {
        originRefused(given().header("Origin", "https://evil.example").get("/api/v1/projects"));
        originRefused(given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/projects"));
    }

    @Test
    void theSameHostOnAnotherPortIsAForeignOrigin() {
        String host = URI.create(RestAssured.baseURI).getHost();
        int other = RestAssured.port == 5173 ? 5174 : 5173;
        originRefused(given().header("Origin", "http://" + host + ":" + other).get("/api/v1/projects"));
        originRefused(given().header("Origin", "https://" + host + ":" + RestAssured.port)
                .get("/api/v1/projects"));
    }

    @Test
    void aConfiguredOriginUsingAMethodOutsideTheListIsRefusedInTheEnvelope() {
        methodRefused(given().header("Origin", APP).patch("/api/v1/projects/x"), "PATCH");
        methodRefused(given().header("Origin", APP).head("/api/v1/projects"), null);
        methodRefused(given().header("Origin", APP).options("/api/v1/projects"), "OPTIONS");
    }

    private static void originRefused(io.restassured.response.Response response) {
        envelope(response)
                .header("Access-Control-Allow-Origin", nullValue())
                .body("error.message", allOf(startsWith("Origin "), containsString("QUARKUS_HTTP_CORS_ORIGINS")));
    }

    /** A HEAD answer has no body to read; its status and content type still say what happened. */
    private static void methodRefused(io.restassured.response.Response response, String method) {
        ValidatableResponse then = response.then().statusCode(403).contentType(startsWith("application/json"));
        if (method != null) {
            envelope(response)
                    .body(
                            "error.message",
                            allOf(
                                    containsString("Method " + method + " is not allowed"),
                                    containsString("GET, POST, PUT, DELETE"),
                                    containsString("QUARKUS_HTTP_CORS_METHODS")));
        }
    }

    private static ValidatableResponse envelope(io.restassured.response.Response response) {
        return response.then()
                .statusCode(403)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("FORBIDDEN"));
    }
}
