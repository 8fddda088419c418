package io.sdlclens.document;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Corpus;
import io.sdlclens.testing.Projects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentResourceTest {

    String slug;
    String base;

    /** Once per class, but after Quarkus has pointed REST Assured at the test port. */
    @BeforeEach
    void syncCorpus() {
        if (slug != null) {
            return;
        }
        slug = Projects.register(Corpus.write("documents"));
        assertThat(Projects.sync(slug).getString("status")).isEqualTo("synced");
        base = "/api/v1/projects/" + slug + "/documents";
    }

    JsonPath list(String query) {
        return given().get(base + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsPagesWithTotals() {
        JsonPath all = list("");
        assertThat(all.getInt("total")).isEqualTo(10);
        assertThat(all.getInt("page")).isEqualTo(1);
        assertThat(all.getInt("per_page")).isEqualTo(50);
        assertThat(all.getInt("pages")).isEqualTo(1);
        assertThat(all.getList("items")).hasSize(10);
        Map<String, Object> item = all.getList("items", Map.class).stream()
                .filter(i -> "US0001-register".equals(i.get("doc_id")))
                .findFirst()
                .orElseThrow();
        assertThat(item)
                .containsEntry("type", "story")
                .containsEntry("title", "US0001: Register a project")
                .containsEntry("status", "Done")
                .containsEntry("owner", "Sam")
                .containsEntry("priority", "High")
                .containsEntry("story_points", 3)
                .containsEntry("epic", "EP0001")
                .containsEntry("story", null)
                .containsKey("updated_at");
    }

    @Test
    void filtersByTypeAndStatus() {
        assertThat(list("?type=story").getList("items.doc_id", String.class))
                .containsExactlyInAnyOrder("US0001-register", "US0002-rename", "US0003-sync-status");
        assertThat(list("?status=Done").getList("items.doc_id", String.class))
                .containsExactlyInAnyOrder("US0001-register", "EP0002-sync");
        assertThat(list("?status=none").getList("items.doc_id", String.class))
                .containsExactlyInAnyOrder("US0003-sync-status", "meeting");
        assertThat(list("?type=epic&status=Draft").getList("items.doc_id", String.class))
                .containsExactly("EP0001-project-management");
        assertThat(list("?type=bug").getInt("total")).isZero();
        assertThat(list("?status=Nonexistent").getInt("total")).isZero();
    }

    @Test
    void sortsEveryWayWithPathAsTieBreak() {
        assertThat(list("?sort=title&order=asc").getList("items.title", String.class))
                .isSorted()
                .first()
                .isEqualTo("EP0001: Old copy");
        assertThat(list("?sort=title&order=desc").getList("items.title", String.class))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> types = list("?sort=type&order=asc").getList("items.type", String.class);
        assertThat(types).isSorted();
        // ties on type break on file path, ascending: the two EP0001 files come archive/ first
        assertThat(list("?sort=type&order=asc&type=epic").getList("items.title", String.class))
                .containsExactly("EP0001: Old copy", "EP0001: Project Management", "EP0002: Sync Engine");
        assertThat(list("?sort=status&order=asc").getList("items.status", String.class))
                .startsWith("Approved", "Complete");
        assertThat(list("?sort=updated_at").getList("items")).hasSize(10);
    }

    @Test
    void pagesAreStableAndCoverEverything() {
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            JsonPath result = list("?sort=status&order=asc&per_page=3&page=" + page);
            assertThat(result.getInt("pages")).isEqualTo(4);
            seen.addAll(result.getList("items", Map.class).stream()
                    .map(item -> item.get("doc_id") + "|" + item.get("title"))
                    .toList());
        }
        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
        JsonPath past = list("?per_page=3&page=5");
        assertThat(past.getList("items")).isEmpty();
        assertThat(past.getInt("total")).isEqualTo(10);
        assertThat(list("?per_page=200").getInt("per_page")).isEqualTo(100);
        // numbers too large for an int are still just large: capped, or a page past the end
        assertThat(list("?per_page=99999999999").getInt("per_page")).isEqualTo(100);
        assertThat(list("?page=99999999999").getList("items")).isEmpty();
    }

    @Test
    void invalidListParametersAre422() {
        for (String query : List.of(
                "?per_page=0",
                "?per_page=-1",
                "?per_page=x",
                "?page=0",
                "?page=abc",
                "?sort=owner",
                "?order=up",
                "?type=novel",
                "?page=-99999999999")) {
            given().get(base + query).then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        }
        // an empty value counts as absent
        assertThat(list("?sort=&status=").getInt("total")).isEqualTo(10);
        given().get("/api/v1/projects/nope/documents")
                .then()
                .statusCode(404)
                .body("error.message", equalTo("Project not found"));
    }

    @Test
    void detailHasBodyMetadataAndFileFacts() {
        given().get(base + "/story/US0001-register")
                .then()
                .statusCode(200)
                .body("doc_id", equalTo("US0001-register"))
                .body("type", equalTo("story"))
                .body("file_path", equalTo("stories/US0001-register.md"))
                .body("file_hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("content", startsWith("Register a folder as a project."))
                .body("metadata", nullValue())
                .body("synced_at", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void duplicatesResolveToTheShortestPath() {
        given().get(base + "/epic/EP0001-project-management")
                .then()
                .statusCode(200)
                .body("file_path", equalTo("epics/EP0001-project-management.md"))
                .body("title", equalTo("EP0001: Project Management"));
    }

    @Test
    void detailNotFoundCases() {
        given().get(base + "/story/US9999-none")
                .then()
                .statusCode(404)
                .body("error.message", equalTo("Document not found"));
        given().get(base + "/epic/US0001-register").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        given().get("/api/v1/projects/nope/documents/story/US0001-register")
                .then()
                .statusCode(404)
                .body("error.message", equalTo("Project not found"));
    }

    @Test
    void relationsOfAnEpic() {
        JsonPath related = given().get(base + "/epic/EP0001-project-management/related")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(related.getString("doc_id")).isEqualTo("EP0001-project-management");
        assertThat(related.getList("parents")).isEmpty();
        assertThat(related.getList("children.doc_id", String.class))
                .containsExactlyInAnyOrder("US0001-register", "US0002-rename", "TS0001-projects");
        assertThat(related.getList("children.type", String.class)).doesNotContain("plan");
    }

    @Test
    void relationsOfAStory() {
        JsonPath related = given().get(base + "/story/US0002-rename/related")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(related.getList("parents.doc_id", String.class)).containsExactly("EP0001-project-management");
        assertThat(related.getList("depends_on.doc_id", String.class)).containsExactly("US0001-register");
        assertThat(related.getList("dependents.doc_id", String.class)).containsExactly("US0003-sync-status");
        assertThat(related.getMap("depends_on[0]"))
                .containsOnlyKeys("doc_id", "type", "title", "status")
                .containsEntry("status", "Done");

        JsonPath first = given().get(base + "/story/US0001-register/related")
                .then()
                .extract()
                .jsonPath();
        assertThat(first.getList("children.doc_id", String.class)).containsExactly("PL0001-register");
        assertThat(first.getList("dependents.doc_id", String.class))
                .containsExactlyInAnyOrder("US0002-rename", "US0003-sync-status");
    }

    @Test
    void relationsOfAPlanAndOfThePrd() {
        JsonPath plan = given().get(base + "/plan/PL0001-register/related")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(plan.getList("parents.doc_id", String.class))
                .containsExactly("US0001-register", "EP0001-project-management");
        assertThat(plan.getList("children")).isEmpty();

        given().get(base + "/prd/prd/related")
                .then()
                .statusCode(200)
                .body("parents", hasSize(0))
                .body("children", hasSize(0))
                .body("depends_on", hasSize(0))
                .body("dependents", hasSize(0));
        given().get(base + "/story/US9999/related").then().statusCode(404);
    }
}
