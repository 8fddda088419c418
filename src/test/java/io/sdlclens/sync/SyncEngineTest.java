package io.sdlclens.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The engine through the API, on real folders: what is stored, what is skipped, what is kept on failure. */
@QuarkusTest
class SyncEngineTest {

    static final String EPIC = """
            # EP0001: Project Management

            > **Status:** In Progress
            > **Owner:** Priya
            > **Priority:** High - customer escalation
            > **Target:** http://host:8080/path · **Team:** Core

            Body of the epic with enough words to be searched.
            """;

    static final String STORY = """
            # US0001: Register a project

            > **Status:** Done — implemented 2026-07-08
            > **Epic:** [EP0001: Project Management](../epics/EP0001-project-management.md)
            > **Story Points:** 5
            > **Depends on:** US0002, [US0003](US0003-x.md)
            > **Raised-by:** QA

            ## Acceptance
            The project is registered.
            """;

    static List<Map<String, Object>> documents(String slug) {
        return Sql.rows("""
                SELECT d.* FROM document d JOIN project p ON p.id = d.project_id
                 WHERE p.slug = ? ORDER BY d.file_path
                """, slug);
    }

    static Map<String, Object> document(String slug, String filePath) {
        return documents(slug).stream()
                .filter(row -> filePath.equals(row.get("file_path")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + filePath));
    }

    static void assertCounts(JsonPath run, int added, int updated, int skipped, int deleted, int errors) {
        assertThat(List.of(
                        run.getInt("added"),
                        run.getInt("updated"),
                        run.getInt("skipped"),
                        run.getInt("deleted"),
                        run.getInt("errors")))
                .as("added, updated, skipped, deleted, errors")
                .containsExactly(added, updated, skipped, deleted, errors);
    }

    @Test
    void storesParsedDocumentsWithTheirRelationships() throws Exception {
        Path root = Folders.create("engine");
        Folders.write(root, "epics/EP0001-project-management.md", EPIC);
        Folders.write(root, "stories/US0001-register.md", STORY);
        Folders.write(root, "PRD.md", "# Product\n\n**Status:** Draft\n**Owner:** Sam\n\nThe product.\n");
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getBoolean("completed")).isTrue();
        assertCounts(run, 3, 0, 0, 0, 0);
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(3);

        Map<String, Object> epic = document(slug, "epics/EP0001-project-management.md");
        assertThat(epic.get("doc_type")).isEqualTo("epic");
        assertThat(epic.get("doc_id")).isEqualTo("EP0001-project-management");
        assertThat(epic.get("ref_id")).isEqualTo("EP0001");
        assertThat(epic.get("title")).isEqualTo("EP0001: Project Management");
        assertThat(epic.get("status")).isEqualTo("In Progress");
        assertThat(epic.get("owner")).isEqualTo("Priya");
        assertThat(epic.get("priority")).isEqualTo("High - customer escalation");
        assertThat(epic.get("metadata").toString())
                .contains("\"target\": \"http://host:8080/path\"")
                .contains("\"team\": \"Core\"");
        assertThat((String) epic.get("content")).startsWith("Body of the epic").doesNotContain("**Status:**");
        assertThat(epic.get("file_hash").toString()).hasSize(64);

        Map<String, Object> story = document(slug, "stories/US0001-register.md");
        assertThat(story.get("status")).isEqualTo("Done");
        assertThat(story.get("epic")).isEqualTo("EP0001");
        assertThat(story.get("story_points")).isEqualTo(5);
        assertThat(Sql.value(
                        "SELECT array_to_string(depends_on, ',') FROM document WHERE project_id = ? AND file_path = ?",
                        story.get("project_id"),
                        "stories/US0001-register.md"))
                .isEqualTo("US0002,US0003");
        assertThat(story.get("metadata").toString()).contains("\"raised-by\": \"QA\"");

        Map<String, Object> prd = document(slug, "PRD.md");
        assertThat(prd.get("doc_type")).isEqualTo("prd");
        assertThat(prd.get("doc_id")).isEqualTo("prd");
        assertThat(prd.get("status")).isEqualTo("Draft");
        assertThat(prd.get("metadata")).isNull();

        // children and dependents are index lookups on the stored references
        assertThat(Sql.value(
                        "SELECT count(*) FROM document WHERE project_id = ? AND epic = 'EP0001'",
                        epic.get("project_id")))
                .isEqualTo(1L);
        assertThat(Sql.value(
                        "SELECT count(*) FROM document WHERE project_id = ? AND depends_on @> ARRAY['US0003']",
                        epic.get("project_id")))
                .isEqualTo(1L);
        // the title outranks the body in the search vector
        assertThat(Sql.value(
                        "SELECT count(*) FROM document_search WHERE project_id = ? AND search_vector @@ to_tsquery('english', 'register:A')",
                        epic.get("project_id")))
                .isEqualTo(1L);
    }

    @Test
    void resyncSkipsUnchangedAndSeesEditsAdditionsAndDeletions() throws Exception {
        Path root = Folders.withDocuments("resync", 5);
        String slug = Projects.register(root);
        assertCounts(Projects.sync(slug), 5, 0, 0, 0, 0);
        assertCounts(Projects.sync(slug), 0, 0, 5, 0, 0);

        // An edit keeping the size, right after the last read, is still seen.
        Path edited = root.resolve("stories/US0001-story.md");
        String before = Files.readString(edited);
        Files.writeString(edited, before.replace("Draft", "Ready"));
        Folders.write(root, "stories/US0100-new.md", "# New\n");
        Files.delete(root.resolve("stories/US0002-story.md"));

        assertCounts(Projects.sync(slug), 1, 1, 3, 1, 0);
        assertThat(document(slug, "stories/US0001-story.md").get("status")).isEqualTo("Ready");
        assertThat(documents(slug)).extracting(row -> row.get("file_path")).doesNotContain("stories/US0002-story.md");
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(5);
    }

    @Test
    void settledFilesAreSkippedWithoutReadingAndTouchedFilesAreNotRewritten() throws Exception {
        Path root = Folders.withDocuments("settled", 3);
        long old = System.currentTimeMillis() - 60_000;
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(old));
            }
        }
        String slug = Projects.register(root);
        Projects.sync(slug);
        Object syncedAt = document(slug, "stories/US0001-story.md").get("synced_at");
        assertThat(document(slug, "stories/US0001-story.md").get("change_key"))
                .asString()
                .startsWith("stat:");

        // touched: same bytes, new mtime — skipped, and the row's content is not rewritten
        Files.setLastModifiedTime(
                root.resolve("stories/US0001-story.md"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 30_000));
        assertCounts(Projects.sync(slug), 0, 0, 3, 0, 0);
        assertThat(document(slug, "stories/US0001-story.md").get("synced_at")).isEqualTo(syncedAt);
    }

    @Test
    void aParserEpochBumpReparsesUnchangedFiles() {
        Path root = Folders.withDocuments("epoch", 2);
        String slug = Projects.register(root);
        Projects.sync(slug);
        Sql.update(
                "UPDATE document SET parser_epoch = parser_epoch - 1 WHERE project_id = (SELECT id FROM project WHERE slug = ?)",
                slug);
        assertCounts(Projects.sync(slug), 0, 2, 0, 0, 0);
    }

    @Test
    void undecodableFilesAreErrorsThatKeepTheStoredDocument() throws Exception {
        Path root = Folders.withDocuments("undecodable", 2);
        String slug = Projects.register(root);
        Projects.sync(slug);
        Map<String, Object> before = document(slug, "stories/US0001-story.md");

        Files.write(root.resolve("stories/US0001-story.md"), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        Files.write(root.resolve("stories/US0003-binary.md"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 0x7F});

        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("error");
        assertThat(run.getBoolean("completed")).isTrue();
        assertCounts(run, 0, 0, 1, 0, 2);
        assertThat(run.getString("error"))
                .isEqualTo("2 file(s) could not be synced and were left unchanged; 0 added, 0 updated, 0 deleted.");
        assertThat(run.getList("errors_detail", Map.class))
                .extracting(error -> error.get("file_path") + ": " + error.get("reason"))
                .containsExactlyInAnyOrder(
                        "stories/US0001-story.md: invalid UTF-8", "stories/US0003-binary.md: invalid UTF-8");
        assertThat(document(slug, "stories/US0001-story.md").get("file_hash")).isEqualTo(before.get("file_hash"));
        JsonPath project = Projects.get(slug);
        assertThat(project.getString("sync_status")).isEqualTo("error");
        assertThat(project.getString("sync_error")).startsWith("2 file(s) could not be synced");
        assertThat(project.getString("last_synced_at"))
                .as("a completed run stamps last_synced_at")
                .isNotNull();
    }

    @Test
    void filesOverTheSizeLimitAreErrors() throws Exception {
        Path root = Folders.withDocuments("too-large", 1);
        Files.write(root.resolve("huge.md"), new byte[7 * 1024 * 1024]);
        String slug = Projects.register(root);
        JsonPath run = Projects.sync(slug);
        assertCounts(run, 1, 0, 0, 0, 1);
        assertThat(run.getString("errors_detail[0].reason")).isEqualTo("file too large");
    }

    @Test
    void unreadableFilesKeepTheirDocument() throws Exception {
        Path root = Folders.withDocuments("unreadable", 2);
        String slug = Projects.register(root);
        Projects.sync(slug);
        Path locked = root.resolve("stories/US0001-story.md");
        Files.writeString(locked, "# changed\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked))
                .as("permissions are not enforced for this user")
                .isFalse();

        JsonPath run = Projects.sync(slug);
        assertCounts(run, 0, 0, 1, 0, 1);
        assertThat(run.getString("errors_detail[0].reason")).startsWith("unreadable");
        assertThat(document(slug, "stories/US0001-story.md").get("title")).isEqualTo("Story 1");
    }

    @Test
    void storedDocumentsMergeWithTheListingWhateverTheirNames() throws Exception {
        Path root = Folders.create("merge-order");
        List<String> names = List.of(
                "a/b.md",
                "a-b.md",
                "a b.md",
                "a.b/c.md",
                "A.md",
                "B/x.md",
                "é.md",
                "ü.md",
                "z/é/ü.md",
                "\uE000.md",
                "\uD83D\uDE00.md",
                "a/a/a.md",
                "Z.md",
                "a0.md");
        for (String name : names) {
            Folders.write(root, name, "# " + name + "\n");
        }
        String slug = Projects.register(root);
        assertCounts(Projects.sync(slug), names.size(), 0, 0, 0, 0);

        // matched by the merge: each is skipped (or re-read and found unchanged), none re-inserted or deleted
        Files.delete(root.resolve("a-b.md"));
        Folders.write(root, "a/b.md", "# moved on\n");
        JsonPath run = Projects.sync(slug);
        assertCounts(run, 0, 1, names.size() - 2, 1, 0);
        assertThat(documents(slug)).hasSize(names.size() - 1);
        assertThat(document(slug, "a/b.md").get("title")).isEqualTo("moved on");
    }

    @Test
    void documentsUnderAFolderThatCannotBeListedAreNotGone() throws Exception {
        Path root = Folders.create("unlistable");
        Folders.write(root, "a/one.md", "# one\n");
        Folders.write(root, "b/two.md", "# two\n");
        Folders.write(root, "b/three.md", "# three\n");
        Folders.write(root, "c/four.md", "# four\n");
        String slug = Projects.register(root);
        assertCounts(Projects.sync(slug), 4, 0, 0, 0, 0);
        Files.delete(root.resolve("c/four.md"));
        Path locked = root.resolve("b");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeThat(Files.isReadable(locked))
                    .as("permissions are not enforced for this user")
                    .isFalse();
            JsonPath run = Projects.sync(slug);
            // the folder is one error; its two documents are neither listed nor deleted; c/four.md is gone
            assertCounts(run, 0, 0, 1, 1, 1);
            assertThat(documents(slug))
                    .extracting(row -> row.get("file_path"))
                    .containsExactly("a/one.md", "b/three.md", "b/two.md");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anEmptiedSourceDeletesNothing() throws Exception {
        Path root = Folders.withDocuments("emptied", 3);
        String slug = Projects.register(root);
        Projects.sync(slug);
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("error");
        assertThat(run.getString("error")).isEqualTo(FileSyncEngine.EMPTY_SOURCE_MESSAGE);
        assertThat(run.getBoolean("completed")).isFalse();
        assertThat(documents(slug)).hasSize(3);
        assertThat(Projects.get(slug).getString("sync_error")).isEqualTo(FileSyncEngine.EMPTY_SOURCE_MESSAGE);
    }

    @Test
    void linksAreNeverFollowedAndLoopsDoNotHang() throws Exception {
        Path outside = Folders.create("outside");
        Files.writeString(outside.resolve("secret.md"), "# Secret\n");
        Path root = Folders.withDocuments("links", 1);
        Files.createSymbolicLink(root.resolve("secret.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(root.resolve("outside-dir"), outside);
        Files.createDirectories(root.resolve("loop"));
        Files.createSymbolicLink(root.resolve("loop/again"), root.resolve("loop"));
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(documents(slug)).extracting(row -> row.get("file_path")).containsExactly("stories/US0001-story.md");
    }

    @Test
    void awkwardTreesAndNamesAreStored() throws Exception {
        Path root = Folders.create("awkward");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            deep.append("level").append(i).append('/');
        }
        Folders.write(root, deep + "deep.md", "# Deep\n");
        Folders.write(root, "notes/with space #1 ünïcode.md", "# Awkward name\n");
        Folders.write(root, "notes/empty.md", "");
        Folders.write(root, "epics/EP0001-a.md", "# A\n");
        Folders.write(root, "archive/epics/EP0001-a.md", "# A again\n");
        Folders.write(root, "notes/_index.md", "# not a document\n");
        Folders.write(root, "node_modules/x.md", "# skipped\n");
        Folders.write(root, ".hidden/x.md", "# skipped\n");
        Folders.write(root, "README.MD", "# not .md\n");
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(documents(slug))
                .extracting(row -> row.get("file_path"))
                .containsExactlyInAnyOrder(
                        deep + "deep.md",
                        "notes/with space #1 ünïcode.md",
                        "notes/empty.md",
                        "epics/EP0001-a.md",
                        "archive/epics/EP0001-a.md");
        Map<String, Object> empty = document(slug, "notes/empty.md");
        assertThat(empty.get("title")).isEqualTo("empty");
        assertThat(empty.get("content")).isEqualTo("");
        assertThat(documents(slug))
                .filteredOn(row -> "EP0001-a".equals(row.get("doc_id")))
                .hasSize(2);
    }

    @Test
    void aFolderReplacedByAFileLosesItsDocuments() throws Exception {
        Path root = Folders.withDocuments("replaced", 2);
        Folders.write(root, "PRD.md", "# PRD\n");
        String slug = Projects.register(root);
        Projects.sync(slug);
        try (var files = Files.walk(root.resolve("stories"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(root.resolve("stories"), "now a file");

        JsonPath run = Projects.sync(slug);
        assertCounts(run, 0, 0, 1, 2, 0);
        assertThat(documents(slug)).extracting(row -> row.get("file_path")).containsExactly("PRD.md");
    }

    @Test
    void aHugeDocumentOfDistinctWordsSyncsAndIsSearchable() throws Exception {
        Path root = Folders.create("huge");
        Random random = new Random(42);
        String words = IntStream.range(0, 700_000)
                .mapToObj(i -> "w" + Integer.toString(random.nextInt(Integer.MAX_VALUE), 36))
                .collect(Collectors.joining(" "));
        Files.writeString(root.resolve("big.md"), "# Big zebracorn\n\nfirstword " + words + "\n");
        assertThat(Files.size(root.resolve("big.md"))).isGreaterThan(5_000_000L);
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);
        assertThat(run.getString("status")).isEqualTo("synced");
        Object projectId = document(slug, "big.md").get("project_id");
        assertThat(((String) document(slug, "big.md").get("content")).length()).isGreaterThan(5_000_000);
        // the title is in every chunk; the last word lies far beyond what one vector could hold
        String lastWord = words.substring(words.lastIndexOf(' ') + 1);
        for (String word : List.of("zebracorn", "firstword", lastWord)) {
            assertThat(Sql.value(
                            "SELECT count(DISTINCT document_id) FROM document_search WHERE project_id = ? AND search_vector @@ plainto_tsquery('english', ?)",
                            projectId,
                            word))
                    .isEqualTo(1L);
        }
    }

    @Test
    void tenThousandFilesInOneFolderWithProgressVisibleWhileSyncing() throws Exception {
        Path root = Folders.create("many");
        Path stories = Files.createDirectories(root.resolve("stories"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(
                    stories.resolve("US%05d-s.md".formatted(i)), "# Story " + i + "\n", StandardCharsets.UTF_8);
        }
        String slug = Projects.register(root);
        String runId = Projects.trigger(slug);
        // Counts are published as batches commit: some poll sees the run part-way.
        List<Integer> addedWhileSyncing = new java.util.ArrayList<>();
        JsonPath run = Projects.run(slug, runId);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while ("syncing".equals(run.getString("status")) && System.nanoTime() < deadline) {
            addedWhileSyncing.add(run.getInt("added"));
            Thread.sleep(5);
            run = Projects.run(slug, runId);
        }
        assertCounts(run, 10_000, 0, 0, 0, 0);
        assertThat(addedWhileSyncing).anyMatch(added -> added > 0 && added < 10_000);
        assertThat(addedWhileSyncing).isSorted();
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(10_000);
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort
        }
    }
}
