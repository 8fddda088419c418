package io.sdlclens.sync;

import static io.restassured.RestAssured.given;
import static io.sdlclens.sync.SyncEngineTest.assertCounts;
import static io.sdlclens.sync.SyncEngineTest.document;
import static io.sdlclens.sync.SyncEngineTest.documents;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A project's .config.yaml / .version and a run's warnings, through the API on real folders. */
@QuarkusTest
class ProjectConfigSyncTest {

    private static final String GATED_STORY =
            "# US0001: Gated\n\n> **Status:** Gated Review — waiting for legal\n\nBody.\n";

    @Test
    void schemaVersionAndProfileAreShownOnTheProjectAndTheFilesAreNoDocuments() {
        Path root = Folders.withDocuments("config-shown", 2);
        Folders.write(root, ".config.yaml", "profile: enterprise\n");
        Folders.write(root, ".version", "schema_version: 3\nprofile: standard\n");
        String slug = Projects.register(root);
        assertThat(Projects.get(slug).getMap(""))
                .containsEntry("schema_version", null)
                .containsEntry("profile", null);

        JsonPath run = Projects.sync(slug);

        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getList("warnings")).isEmpty();
        JsonPath project = Projects.get(slug);
        assertThat(project.getString("schema_version")).isEqualTo("3");
        assertThat(project.getString("profile")).isEqualTo("enterprise");
        assertThat(project.getInt("document_count")).isEqualTo(2);
        assertThat(project.getList("last_sync.warnings")).isEmpty();
        assertThat(documents(slug))
                .extracting(d -> d.get("file_path"))
                .allMatch(p -> p.toString().endsWith(".md"));
        List<String> listed = given().get("/api/v1/projects")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.slug == '" + slug + "' }.schema_version");
        assertThat(listed).containsExactly("3");
    }

    @Test
    void projectStatusesCanonicaliseAndAChangedVocabularyReparsesUnchangedFiles() throws Exception {
        Path root = Folders.withDocuments("config-vocab", 2);
        Folders.write(root, "stories/US0009-gated.md", GATED_STORY);
        String slug = Projects.register(root);
        Projects.sync(slug);
        assertThat(document(slug, "stories/US0009-gated.md").get("status")).isEqualTo("Gated Review");

        // A status the project defines is matched whole, decoration and explanation cut as for built-in ones.
        Folders.write(
                root, "stories/US0009-gated.md", GATED_STORY.replace("Gated Review — waiting", "gated review pending"));
        Folders.write(root, ".config.yaml", "status_vocab:\n  story: [Gated Review Pending]\n");
        JsonPath changed = Projects.sync(slug);
        assertCounts(changed, 0, 3, 0, 0, 0); // every document re-parsed, though two files did not change
        assertThat(document(slug, "stories/US0009-gated.md").get("status")).isEqualTo("Gated Review Pending");
        given().get("/api/v1/projects/" + slug + "/documents?status=Gated Review Pending")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1));

        assertCounts(Projects.sync(slug), 0, 0, 3, 0, 0); // the same config again: nothing re-parsed

        Files.delete(root.resolve(".config.yaml"));
        assertCounts(Projects.sync(slug), 0, 3, 0, 0, 0); // back to the built-in vocabulary
        assertThat(document(slug, "stories/US0009-gated.md").get("status")).isEqualTo("gated review pending for legal");
    }

    @Test
    void aMalformedConfigNeverFailsASyncAndTheRunSaysSo() {
        Path root = Folders.withDocuments("config-broken", 1);
        Folders.write(root, ".config.yaml", "status_vocab: [unclosed\n");
        Folders.write(root, ".version", "schema_version: 2\n");
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);

        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getString("error")).isNull();
        assertThat(run.getList("warnings", String.class))
                .singleElement()
                .satisfies(w -> assertThat(w).startsWith(".config.yaml is not valid YAML (line "));
        JsonPath project = Projects.get(slug);
        assertThat(project.getString("sync_status")).isEqualTo("synced");
        assertThat(project.getString("schema_version")).isEqualTo("2");
        assertThat(project.getList("last_sync.warnings")).isEqualTo(run.getList("warnings"));
        assertThat(given().get("/api/v1/projects/" + slug + "/sync-runs")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("[0].warnings"))
                .isEqualTo(run.getList("warnings"));
    }

    @Test
    void anEmptyFolderSyncsWithAWarning() {
        Path root = Folders.create("config-empty");
        Folders.write(root, "notes.txt", "not markdown");
        String slug = Projects.register(root);

        JsonPath run = Projects.sync(slug);

        assertThat(run.getString("status")).isEqualTo("synced");
        assertThat(run.getBoolean("completed")).isTrue();
        assertThat(run.getList("warnings")).containsExactly("no .md files under " + root);
        JsonPath project = Projects.get(slug);
        assertThat(project.getString("sync_status")).isEqualTo("synced");
        assertThat(project.getInt("document_count")).isZero();
        assertThat(project.getList("last_sync.warnings")).containsExactly("no .md files under " + root);

        // Once there are documents, the warning is gone.
        Folders.write(root, "stories/US0001-a.md", "# A\n");
        assertThat(Projects.sync(slug).getList("warnings")).isEmpty();
    }

    @Test
    void aFolderThatBecameEmptyIsStillAnErrorNotAWarning() throws Exception {
        Path root = Folders.withDocuments("config-emptied", 2);
        String slug = Projects.register(root);
        Projects.sync(slug);
        Files.delete(root.resolve("stories/US0001-story.md"));
        Files.delete(root.resolve("stories/US0002-story.md"));

        JsonPath run = Projects.sync(slug);

        assertThat(run.getString("status")).isEqualTo("error");
        assertThat(run.getString("error")).isEqualTo(FileSyncEngine.EMPTY_SOURCE_MESSAGE);
        assertThat(run.getList("warnings")).isEmpty();
        assertThat(documents(slug)).hasSize(2);
    }
}
