package io.sdlclens.project;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.PostgresTestResource;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Project reads from memory: never older than the last committed change (this replica's at once, another's on
 * its notification), never served while notifications are not being received.
 */
@QuarkusTest
class ProjectViewCacheTest {

    @Inject
    ProjectViewCache cache;

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(10)).until(cache::listening);
    }

    @Test
    void aChangeCommittedByAnotherProcessIsSeenOnItsNotification() {
        String slug = Projects.register(Folders.create("cache-elsewhere"));
        String before = name(slug);
        assertThat(name(slug)).isEqualTo(before); // now held in memory

        Sql.update("UPDATE project SET name = 'Renamed elsewhere' WHERE slug = ?", slug);
        // well within max-age (2 s in tests): it is the notification that drops the entry
        await().atMost(Duration.ofMillis(1500))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> name(slug).equals("Renamed elsewhere"));

        Sql.update("DELETE FROM project WHERE slug = ?", slug);
        await().atMost(Duration.ofMillis(1500))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> given().get("/api/v1/projects/" + slug).statusCode() == 404);
    }

    @Test
    void readsBetweenChangesComeFromMemoryUntilMaxAge() throws Exception {
        String slug = Projects.register(Folders.create("cache-memory"));
        String before = name(slug);
        Instant changed;
        // A change that notifies nobody: this session fires no triggers.
        try (Connection db = PostgresTestResource.connect();
                Statement session = db.createStatement();
                PreparedStatement rename = db.prepareStatement("UPDATE project SET name = ? WHERE slug = ?")) {
            session.execute("SET session_replication_role = replica");
            rename.setString(1, "Renamed silently");
            rename.setString(2, slug);
            assertThat(rename.executeUpdate()).isEqualTo(1);
            changed = Instant.now();
        }
        assertThat(name(slug)).as("served from memory").isEqualTo(before);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> name(slug).equals("Renamed silently"));
        assertThat(Duration.between(changed, Instant.now()))
                .as("re-read only once max-age passed")
                .isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void thisReplicasOwnWritesAreVisibleAtOnce() throws Exception {
        Path folder = Folders.withDocuments("cache-own", 2);
        String slug = Projects.register(folder);
        name(slug);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed here"))
                .put("/api/v1/projects/" + slug)
                .then()
                .statusCode(200);
        assertThat(name(slug)).isEqualTo("Renamed here");
        given().get("/api/v1/projects").then().statusCode(200);

        try (GatedSyncEngine.Gate gate = GatedSyncEngine.close(folder.toString())) {
            Projects.trigger(slug);
            given().get("/api/v1/projects/" + slug).then().body("sync_status", equalTo("syncing"));
            gate.awaitReached();
            gate.open();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "synced"
                            .equals(given().get("/api/v1/projects/" + slug).path("sync_status")));
        }
        given().get("/api/v1/projects/" + slug).then().body("document_count", equalTo(2));

        given().delete("/api/v1/projects/" + slug).then().statusCode(204);
        given().get("/api/v1/projects/" + slug).then().statusCode(404);
    }

    @Test
    void aReadThatOverlapsAChangeIsNotKept() {
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<ProjectView> slow = new CompletableFuture<>();
        CompletableFuture<ProjectView> first = cache.project("overlap", () -> {
                    reads.incrementAndGet();
                    return Uni.createFrom().completionStage(slow);
                })
                .subscribeAsCompletionStage();
        cache.invalidate(); // a change commits while the read is under way
        slow.complete(view("old"));
        assertThat(first.join().name()).isEqualTo("old");

        ProjectView second = cache.project("overlap", () -> {
                    reads.incrementAndGet();
                    return Uni.createFrom().item(view("new"));
                })
                .await()
                .indefinitely();
        assertThat(second.name()).isEqualTo("new");
        ProjectView third = cache.project("overlap", () -> {
                    reads.incrementAndGet();
                    return Uni.createFrom().item(view("unexpected"));
                })
                .await()
                .indefinitely();
        assertThat(third.name())
                .as("kept: nothing changed during the second read")
                .isEqualTo("new");
        assertThat(reads).hasValue(2);
        cache.invalidate();
    }

    @Test
    void withoutNotificationsEveryReadGoesToTheDatabase() throws Exception {
        String slug = Projects.register(Folders.create("cache-outage"));
        name(slug);
        PostgresTestResource.proxy().cut();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !cache.listening());
            given().get("/api/v1/projects/" + slug)
                    .then()
                    .statusCode(503)
                    .body("error.code", equalTo("SERVICE_UNAVAILABLE"));
        } finally {
            PostgresTestResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(15)).until(cache::listening);
        given().get("/api/v1/projects/" + slug).then().statusCode(200);
        // leave the service as found: every readiness check up again
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void theCachedBodyIsTheMappersJsonAndChangesWithEachCommit() {
        Path folder = Folders.withDocuments("cache-bytes", 2);
        String slug = Projects.register(folder);
        String first = body(slug);
        assertThat(body(slug)).as("served from memory, the same bytes").isEqualTo(first);
        assertSameAsTheMapper(slug, first);

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Renamed for the bytes"))
                .put("/api/v1/projects/" + slug)
                .then()
                .statusCode(200);
        String renamed = body(slug);
        assertThat(renamed).isNotEqualTo(first).contains("\"name\":\"Renamed for the bytes\"");
        assertSameAsTheMapper(slug, renamed);

        assertThat(Projects.sync(slug).getString("status")).isEqualTo("synced");
        String synced = body(slug);
        assertThat(synced).isNotEqualTo(renamed).contains("\"document_count\":2", "\"sync_status\":\"synced\"");
        assertSameAsTheMapper(slug, synced);
    }

    /** Byte for byte what the API's mapper writes for the same view (GET /projects serialises it per request). */
    private static void assertSameAsTheMapper(String slug, String body) {
        var list = given().get("/api/v1/projects").then().statusCode(200).extract();
        assertThat(body).startsWith("{\"slug\":\"" + slug + "\",");
        assertThat(list.asString()).contains(body);
        var one = given().get("/api/v1/projects/" + slug).then().statusCode(200).extract();
        assertThat(one.contentType()).isEqualTo(list.contentType());
    }

    private static String body(String slug) {
        return given().get("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String name(String slug) {
        return given().get("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .extract()
                .path("name");
    }

    private static ProjectView view(String name) {
        Instant now = Instant.now();
        return new ProjectView(
                "overlap",
                name,
                "local",
                "/x",
                null,
                "main",
                "sdlc-studio",
                null,
                null,
                false,
                null,
                null,
                null,
                SyncStatus.NEVER_SYNCED,
                null,
                null,
                0,
                now,
                now,
                null);
    }
}
