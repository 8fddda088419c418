package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics and reverse-proxy behaviour of the running service. */
@QuarkusTest
class OperabilityTest {

    @Test
    void metricsCoverSyncsSearchesAndHttp() {
        String slug = Projects.register(Folders.withDocuments("metrics", 2));
        Projects.sync(slug);
        given().queryParam("q", "story").get("/api/v1/search").then().statusCode(200);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("sdlc_lens_sync_runs_total{outcome=\"synced\"}")
                .contains("sdlc_lens_sync_duration_seconds_bucket")
                .contains("sdlc_lens_sync_documents_total{change=\"added\"}")
                .contains("sdlc_lens_sync_documents_total{change=\"skipped\"}")
                .contains("sdlc_lens_sync_file_errors_total")
                .contains("sdlc_lens_search_duration_seconds_count")
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void theProjectCacheListenerHasClientMetricsOfItsOwnBesideThePools() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        // one series per client: the LISTEN connection under the pool's name would collide with its gauges
        assertThat(metrics)
                .contains("postgresql_queue_size{clientName=\"<default>\"")
                .contains("postgresql_queue_size{clientName=\"project-change-listener\"");
    }

    @Test
    void locationHeadersTakeTheExternalHostAndSchemeFromATrustedProxysXForwardedHeadersOnly() {
        String location = given().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "lens.example.com")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Proxied " + System.nanoTime(),
                        "sdlc_path",
                        Folders.create("proxied").toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        assertThat(location).startsWith("https://lens.example.com/api/v1/projects/proxied-");

        String forwarded = given().header("Forwarded", "proto=https;host=app.example.org")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Forwarded " + System.nanoTime(),
                        "sdlc_path",
                        Folders.create("fwd").toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        // Only the X-Forwarded-* family is honoured: a Forwarded header passed through by a proxy that sets
        // X-Forwarded-* could come from the client itself.
        assertThat(forwarded).doesNotContain("app.example.org").startsWith("http://");
    }
}
