package io.sdlclens.freshness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With watching off by setting, local auto-sync projects are kept current by periodic rescans alone. */
@QuarkusTest
@TestProfile(FolderRescanTest.WatchingOff.class)
class FolderRescanTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class WatchingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sdlc-lens.watch.enabled", "false",
                    "sdlc-lens.watch.rescan-every", "1s",
                    // the temp folders of the tests are inside; a folder of the build tree is not
                    "sdlc-lens.allowed-roots",
                            realPath(Path.of(System.getProperty("java.io.tmpdir")))
                                    .toString());
        }
    }

    @Inject
    FolderWatcher watcher;

    @Test
    void aSavedFileIsPickedUpByTheRescan() {
        Path folder = Folders.withDocuments("rescan-save", 1);
        String slug = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Rescanned " + UUID.randomUUID(), "sdlc_path", folder.toString(), "auto_sync", true))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        try {
            await().atMost(WAIT).until(() -> watcher.mode(slug).equals(Optional.of(FolderWatcher.Mode.RESCAN)));
            assertThat(watcher.watchedFolders()).isZero();
            await().atMost(WAIT).until(() -> FolderWatcherTest.titles(slug).contains("Story 1"));

            Folders.write(folder, "stories/US0002-new.md", "# Story 2\n\n> **Status:** Draft\n");
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> FolderWatcherTest.titles(slug).contains("Story 2"));
        } finally {
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
    }

    @Test
    void aFolderOutsideTheAllowedRootsIsNeverWatchedNorRescanned() throws IOException {
        // the API refuses such a folder; this is one registered before the roots were narrowed
        Path outside = realPath(Files.createDirectories(Path.of("target", "rescan-outside-" + UUID.randomUUID())));
        Folders.write(outside, "stories/US0001-outside.md", "# Outside\n");
        String slug = "outside-" + UUID.randomUUID();
        Sql.update(
                "INSERT INTO project (slug, name, source_type, sdlc_path, auto_sync) VALUES (?, ?, 'local', ?, true)",
                slug,
                slug,
                outside.toString());
        try {
            await().during(Duration.ofMillis(2500))
                    .atMost(WAIT)
                    .until(() -> watcher.mode(slug).isEmpty() && FolderWatcherTest.runs(slug) == 0);
        } finally {
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
