package io.sdlclens.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.sdlclens.sample.SampleProject.Outcome;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped sample folder, synced for real, and the dev-mode registration of it on an empty database. */
@QuarkusTest
class SampleProjectTest {

    private static final Path SAMPLE = Path.of("src/sample/sdlc-studio");

    @Inject
    SampleProject sample;

    @Test
    void theSampleSyncsWithoutFileErrorsIntoTheExpectedTypesStatusesAndAFewFindings() {
        String slug = Projects.register(copyOfSample());
        JsonPath run = Projects.sync(slug);

        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getInt("errors")).isZero();
        JsonPath stats = given().get("/api/v1/projects/" + slug + "/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stats.getMap("by_type", String.class, Integer.class))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "prd",
                        1,
                        "trd",
                        1,
                        "epic",
                        2,
                        "story",
                        4,
                        "plan",
                        3,
                        "test-spec",
                        1,
                        "bug",
                        1,
                        "cr",
                        1,
                        "rfc",
                        1));
        assertThat(status(slug, "story", "US0001-book-a-locker")).isEqualTo("Done");
        assertThat(status(slug, "plan", "PL0001-book-a-locker")).isEqualTo("Complete");
        assertThat(status(slug, "rfc", "RFC0001-locker-controller-protocol")).isEqualTo("inbox");
        JsonPath story = given().get("/api/v1/projects/" + slug + "/documents/story/US0002-cancel-a-booking")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(story.getString("epic")).isEqualTo("EP0001");
        assertThat(story.getInt("story_points")).isEqualTo(3);

        JsonPath health = given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // realistic gaps a reader can find in the documents, not zero and not dozens
        assertThat(health.getList("findings.rule_id", String.class))
                .containsExactlyInAnyOrder(
                        "MISSING_PLAN",
                        "MISSING_TEST_SPEC",
                        "ORPHAN_REFERENCE",
                        "MISSING_STORY_POINTS",
                        "UNTRIAGED_INBOX");
        assertThat(health.getInt("score")).isEqualTo(92);
    }

    @Test
    void anEmptyDatabaseGetsTheSampleOnceEvenFromTwoInstancesAtOnce() {
        Path folder = copyOfSample();
        Projects.register(Folders.withDocuments("not-empty", 1));

        assertThat(registerIfEmpty(folder)).isEqualTo(Outcome.NOT_EMPTY);
        given().get("/api/v1/projects/" + SampleProject.SLUG).then().statusCode(404);

        Sql.update("DELETE FROM project");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/api/v1/projects")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("$")
                        .isEmpty());
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> registerIfEmpty(folder));
        CompletableFuture<Outcome> second = CompletableFuture.supplyAsync(() -> registerIfEmpty(folder));

        assertThat(List.of(first.join(), second.join())).containsOnlyOnce(Outcome.REGISTERED);
        JsonPath project = Projects.get(SampleProject.SLUG);
        assertThat(project.getString("name")).isEqualTo("Sample project");
        assertThat(Sql.value("SELECT count(*) FROM project")).isEqualTo(1L);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "synced".equals(Projects.get(SampleProject.SLUG).getString("sync_status")));
        assertThat(registerIfEmpty(folder)).isEqualTo(Outcome.NOT_EMPTY);
    }

    @Test
    void theSampleFolderIsFoundOnDiskFromTheProjectDirectory() {
        assertThat(SampleProject.sampleFolder("src/sample/sdlc-studio"))
                .hasValueSatisfying(dir -> assertThat(dir.resolve("prd.md")).isRegularFile());
        assertThat(SampleProject.sampleFolder("src/sample/no-such-folder")).isEmpty();
    }

    private Outcome registerIfEmpty(Path folder) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> sample.registerIfEmpty(folder));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(String slug, String type, String docId) {
        return given().get("/api/v1/projects/" + slug + "/documents/" + type + "/" + docId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    /** The test profile only allows folders under the temp directory, so the sample is synced from a copy. */
    private static Path copyOfSample() {
        Path target = Folders.create("sample");
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(SAMPLE.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
