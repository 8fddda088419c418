package io.sdlclens.error;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every failure, ours or the framework's, answers with the one envelope and no internals. */
@QuarkusTest
class ErrorEnvelopeTest {

    static ValidatableResponse assertEnvelope(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("$", aMapWithSize(1))
                .body("error", aMapWithSize(2))
                .body("error.code", equalTo(code))
                .body("error.message", not(containsString("Exception")))
                .body("error.message", not(containsString("at io.")))
                .body("error.message", not(containsString("SELECT")));
    }

    @Test
    void unknownRoutesAre404() {
        assertEnvelope(given().get("/api/v1/nothing-here").then(), 404, "NOT_FOUND");
        // outside /api and /q an unknown path is a page of the web app (WebAppServingTest)
        assertEnvelope(given().get("/api/no/such/page").then(), 404, "NOT_FOUND");
        assertEnvelope(given().get("/api/v1/projects/a/b/c/d/e").then(), 404, "NOT_FOUND");
        assertEnvelope(given().post("/api/v2/projects").then(), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodsAre405() {
        assertEnvelope(given().delete("/api/v1/projects").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().patch("/api/v1/projects/x").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().post("/api/v1/projects/x").then(), 405, "METHOD_NOT_ALLOWED");
        // Routes whose first segments are shared by several resources.
        assertEnvelope(given().get("/api/v1/projects/x/sync").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().delete("/api/v1/projects/x/sync-runs").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().put("/api/v1/projects/x/sync-runs/1").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().post("/api/v1/projects/x/documents").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(
                given().delete("/api/v1/projects/x/documents/story/US0001").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().post("/api/v1/projects/x/stats").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().put("/api/v1/projects/x/health-check").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().post("/api/v1/search").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().delete("/api/v1/stats").then(), 405, "METHOD_NOT_ALLOWED");
        assertEnvelope(given().post("/api/v1/system/health").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void nonJsonBodiesAre415() {
        assertEnvelope(
                given().contentType(ContentType.TEXT)
                        .body("name=x")
                        .post("/api/v1/projects")
                        .then(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertEnvelope(
                given().contentType(ContentType.URLENC)
                        .formParam("name", "x")
                        .post("/api/v1/projects")
                        .then(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void clientsThatAcceptNoJsonGet406() {
        given().accept("text/html")
                .get("/api/v1/projects")
                .then()
                .statusCode(406)
                .body(containsString("\"NOT_ACCEPTABLE\""));
    }

    @Test
    void malformedJsonIs422() {
        for (String body :
                new String[] {"{", "{\"name\": }", "not json", "{\"name\": \"a\"} trailing", "{\"a\":1,\"a\":2}"}) {
            assertEnvelope(
                    given().contentType(ContentType.JSON)
                            .body(body)
                            .post("/api/v1/projects")
                            .then(),
                    422,
                    "VALIDATION_ERROR");
        }
    }

    @Test
    void trailingContentAfterTheJsonIs422() {
        String body = "{\"name\": \"Trailing\", \"sdlc_path\": \"/tmp\"} trailing";
        assertEnvelope(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/projects")
                        .then(),
                422,
                "VALIDATION_ERROR");
    }

    @Test
    void nulCharactersAreRefusedNotA500() {
        assertEnvelope(
                given().contentType(ContentType.JSON)
                        .body(java.util.Map.of("name", "nul\u0000name", "sdlc_path", "/tmp"))
                        .post("/api/v1/projects")
                        .then(),
                422,
                "VALIDATION_ERROR");
        assertEnvelope(
                given().urlEncodingEnabled(false).get("/api/v1/projects/a%00b").then(), 404, "NOT_FOUND");
        assertEnvelope(
                given().urlEncodingEnabled(false)
                        .post("/api/v1/projects/a%00b/sync")
                        .then(),
                404,
                "NOT_FOUND");
        assertEnvelope(
                given().urlEncodingEnabled(false)
                        .get("/api/v1/search?q=x&project=a%00b")
                        .then(),
                422,
                "VALIDATION_ERROR");
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"sdlc_path\": \"/tmp\"}";
        assertEnvelope(
                given().contentType(ContentType.JSON)
                        .body(huge)
                        .post("/api/v1/projects")
                        .then(),
                413,
                "PAYLOAD_TOO_LARGE");
    }

    /** A body without Content-Length is counted as it arrives; a cut-off body must never parse as short JSON. */
    @Test
    void chunkedBodiesAreLimitedToo() throws Exception {
        HttpResponse<String> huge = postChunked("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body())
                .isEqualTo("{\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"Request body too large\"}}");

        HttpResponse<String> small = postChunked("{\"name\": \"\", \"sdlc_path\": \"/tmp\"}");
        assertThat(small.statusCode()).isEqualTo(422);
        assertThat(small.body()).contains("\"VALIDATION_ERROR\"").contains("name");
    }

    private static HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/projects"))
                .header("Content-Type", "application/json")
                // An unknown length makes the client send the body chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void emptyBodyIs422() {
        assertEnvelope(
                given().contentType(ContentType.JSON).post("/api/v1/projects").then(), 422, "VALIDATION_ERROR");
    }
}
