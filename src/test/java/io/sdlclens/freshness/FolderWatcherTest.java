package io.sdlclens.freshness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.LogRecords;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Local projects with auto_sync, on real folders, kept current by the watcher with nothing else triggering. */
@QuarkusTest
class FolderWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RUNS =
            "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?";

    @Inject
    FolderWatcher watcher;

    private final List<String> slugs = new ArrayList<>();

    @AfterEach
    void forgetProjects() {
        // left with auto_sync on, they would be watched (and caught up) by every later test class
        for (String slug : slugs) {
            Sql.update("DELETE FROM project WHERE slug = ?", slug);
        }
        await().atMost(WAIT)
                .until(() -> slugs.stream().allMatch(slug -> watcher.mode(slug).isEmpty()));
    }

    @Test
    void aSavedFileIsPickedUpWithoutATrigger() {
        Path folder = Folders.withDocuments("watch-save", 1);
        String slug = watched(folder);

        Folders.write(folder, "stories/US0002-new.md", "# Story 2\n\n> **Status:** Draft\n");
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Story 2"));

        Folders.write(folder, "stories/US0001-story.md", "# Story 1 renamed\n\n> **Status:** Done\n");
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Story 1 renamed"));
        assertThat(titles(slug)).containsExactlyInAnyOrder("Story 1 renamed", "Story 2");
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("sdlc_lens_sync_requests_total{outcome=\"started\",reason=\"watch\"}")
                .contains("sdlc_lens_watch_folders ")
                .contains("sdlc_lens_watch_projects{mode=\"events\"}");
    }

    @Test
    void aBurstOfSavesIsOneOrTwoRunsNotOnePerSave() throws Exception {
        Path folder = Folders.withDocuments("watch-burst", 3);
        String slug = watched(folder);
        long before = runs(slug);

        // an editor saving every 50 ms for a second: closer together than the quiet period, longer than a run
        for (int save = 1; save <= 20; save++) {
            Folders.write(folder, "stories/US0001-story.md", "# Save %d\n\n> **Status:** Draft\n".formatted(save));
            Thread.sleep(50);
        }
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Save 20"));
        awaitSettled(slug);
        assertThat(runs(slug) - before).isBetween(1L, 2L);
    }

    @Test
    void aFileInANewSubfolderIsSeen() throws Exception {
        Path folder = Folders.withDocuments("watch-subfolder", 1);
        String slug = watched(folder);
        int watching = watcher.watchedFolders();

        Files.createDirectories(folder.resolve("epics/archive/2024"));
        // every new folder is watched, also one created while its parent was being registered
        await().atMost(WAIT).until(() -> watcher.watchedFolders() == watching + 3);
        awaitSettled(slug);
        Folders.write(folder, "epics/archive/2024/EP0001-old.md", "# Old epic\n\n> **Status:** Done\n");
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Old epic"));
    }

    @Test
    void aFolderSwappedInUnderTheSamePathIsWatchedAfresh() throws Exception {
        Path parent = Folders.create("watch-swap");
        Path folder = Files.createDirectory(parent.resolve("sdlc-studio"));
        Folders.write(folder, "stories/US0001-story.md", "# Story 1\n");
        String slug = watched(folder);

        // a deploy that renames a fresh copy over the old folder: the old watches follow the old folder away
        Path fresh = Folders.write(parent, "fresh/stories/US0002-fresh.md", "# Fresh\n")
                .getParent()
                .getParent();
        Files.move(folder, parent.resolve("old"));
        Files.move(fresh, folder);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Fresh"));
        awaitSettled(slug);
        Folders.write(folder, "stories/US0003-later.md", "# Later\n");
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> titles(slug).contains("Later"));
        assertThat(watcher.mode(slug)).contains(FolderWatcher.Mode.EVENTS);
    }

    @Test
    void aProjectWithoutAutoSyncIsNotWatched() {
        Path folder = Folders.withDocuments("watch-off", 1);
        String slug = register(folder, false);
        Folders.write(folder, "stories/US0002-new.md", "# Story 2\n");
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> watcher.mode(slug).isEmpty() && runs(slug) == 0);
    }

    @Test
    void turningAutoSyncOffStopsWatching() {
        Path folder = Folders.withDocuments("watch-toggle", 1);
        String slug = watched(folder);
        long runs = runs(slug);

        given().contentType(ContentType.JSON)
                .body(Map.of("auto_sync", false))
                .put("/api/v1/projects/" + slug)
                .then()
                .statusCode(200);
        await().atMost(WAIT).until(() -> watcher.mode(slug).isEmpty());
        Folders.write(folder, "stories/US0002-new.md", "# Story 2\n");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> runs(slug) == runs);
        assertThat(titles(slug)).doesNotContain("Story 2");
    }

    @Test
    void deletingTheProjectStopsWatchingQuietly() throws Exception {
        Path folder = Folders.withDocuments("watch-delete", 2);
        int watching = watcher.watchedFolders();
        String slug = watched(folder);
        assertThat(watcher.watchedFolders()).isGreaterThan(watching);

        try (LogRecords warnings = LogRecords.capture(Level.WARNING)) {
            // a save whose sync request is still waiting out the quiet period when the project goes
            Folders.write(folder, "stories/US0003-late.md", "# Late\n");
            given().delete("/api/v1/projects/" + slug).then().statusCode(204);
            deleteTree(folder);
            await().atMost(WAIT).until(() -> watcher.mode(slug).isEmpty() && watcher.watchedFolders() == watching);
            // give a stray request the time to show up
            await().during(Duration.ofMillis(750))
                    .atMost(WAIT)
                    .until(() -> watcher.mode(slug).isEmpty());
            assertThat(warnings.lines()).isEmpty();
        }
        assertThat(Sql.value("SELECT count(*) FROM project WHERE slug = ?", slug))
                .isEqualTo(0L);
    }

    @Test
    void aProjectGrowingPastTheFolderBoundIsRescannedInsteadAndSaysSoOnce() throws Exception {
        Path folder = Folders.withDocuments("watch-bound", 1);
        int watching = watcher.watchedFolders();
        String slug = watched(folder);
        long runs = runs(slug);
        try (LogRecords info = LogRecords.capture(Level.INFO)) {
            // the test profile's bound is 40 folders; the project had 2 and grows by 45
            for (int i = 1; i <= 45; i++) {
                Files.createDirectories(folder.resolve("epics/e%02d".formatted(i)));
            }
            await().atMost(WAIT).until(() -> watcher.mode(slug).equals(Optional.of(FolderWatcher.Mode.RESCAN)));
            assertThat(watcher.watchedFolders()).isEqualTo(watching);
            // the change that passed the bound is still synced
            await().atMost(WAIT).until(() -> runs(slug) > runs);
            Files.createDirectories(folder.resolve("epics/e46"));
            awaitSettled(slug);
            assertThat(info.lines())
                    .filteredOn(line -> line.contains("SDLC_LENS_WATCH_MAX_FOLDERS"))
                    .singleElement()
                    .asString()
                    .startsWith("INFO " + FolderWatcher.class.getName())
                    .contains(slug)
                    .contains("bound of 40 folders");
        }
    }

    /** Registers the folder with auto_sync and waits until it is watched and its catch-up sync has ended. */
    private String watched(Path folder) {
        String slug = register(folder, true);
        await().atMost(WAIT).until(() -> watcher.mode(slug).equals(Optional.of(FolderWatcher.Mode.EVENTS)));
        await().atMost(WAIT).until(() -> runs(slug) >= 1);
        awaitSettled(slug);
        return slug;
    }

    private String register(Path folder, boolean autoSync) {
        String slug = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "Watched " + UUID.randomUUID(), "sdlc_path", folder.toString(), "auto_sync", autoSync))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        slugs.add(slug);
        return slug;
    }

    /** Waits until no run is going or requested, and none starts for longer than the quiet period. */
    static void awaitSettled(String slug) {
        String busy = "SELECT sync_status = 'syncing' OR sync_requested FROM project WHERE slug = ?";
        AtomicLong seen = new AtomicLong(-1);
        // the condition is false whenever the count moved since the last look, which restarts the quiet time
        await().during(Duration.ofMillis(600))
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = runs(slug);
                    return seen.getAndSet(now) == now && Boolean.FALSE.equals(Sql.value(busy, slug));
                });
    }

    static long runs(String slug) {
        return (Long) Sql.value(RUNS, slug);
    }

    static List<String> titles(String slug) {
        return given().get("/api/v1/projects/" + slug + "/documents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.title", String.class);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
