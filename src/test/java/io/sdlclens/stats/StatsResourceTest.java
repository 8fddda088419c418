package io.sdlclens.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Corpus;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsResourceTest {

    @Test
    void projectStatsOnAKnownCorpus() {
        String slug = Projects.register(Corpus.write("stats"));
        Projects.sync(slug);

        JsonPath stats = given().get("/api/v1/projects/" + slug + "/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stats.getString("slug")).isEqualTo(slug);
        assertThat(stats.getInt("total_documents")).isEqualTo(10);
        assertThat(stats.getMap("by_type"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("prd", 1, "epic", 3, "story", 3, "plan", 1, "test-spec", 1, "other", 1));
        assertThat(stats.getMap("by_status"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Approved", 1, "In Progress", 2, "Done", 2, "Complete", 1, "Draft", 2, "null", 2));
        // 1 of 3 stories is Done
        assertThat(stats.getDouble("completion_percentage")).isEqualTo(33.3);
        assertThat(stats.getString("last_synced_at")).isNotNull();

        given().get("/api/v1/projects/nope/stats").then().statusCode(404);
    }

    @Test
    void aggregateStatsSumCountsRatherThanAveragingPercentages() {
        Path done = Folders.create("agg-done");
        Folders.write(done, "stories/US0001-a.md", "# A\n\n> **Status:** Done\n");
        String first = Projects.register(done);
        Projects.sync(first);
        Path open = Folders.create("agg-open");
        for (int i = 1; i <= 3; i++) {
            Folders.write(open, "stories/US000%d-b.md".formatted(i), "# B\n\n> **Status:** Won't Implement\n");
        }
        Folders.write(open, "stories/US0009-c.md", "# C\n\n> **Status:** Draft\n");
        String second = Projects.register(open);
        Projects.sync(second);
        String empty = Projects.register(Folders.create("agg-empty"));

        JsonPath all =
                given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("total_projects"))
                .isEqualTo(all.getList("projects").size());
        Map<String, Object> firstStats = project(all, first);
        Map<String, Object> secondStats = project(all, second);
        assertThat(firstStats).containsEntry("total_documents", 1).containsEntry("completion_percentage", 100.0f);
        assertThat(secondStats).containsEntry("total_documents", 4).containsEntry("completion_percentage", 75.0f);
        assertThat(project(all, empty))
                .containsEntry("total_documents", 0)
                .containsEntry("completion_percentage", 0.0f)
                .containsEntry("last_synced_at", null);
        // completion over all projects comes from summed story counts (here 4 of 5 would be 80.0, where the
        // average of the two percentages would be 87.5); checked against the rows themselves
        Map<String, Object> stories = Sql.rows("""
                        SELECT count(*) FILTER (WHERE status IN ('Done', 'Won''t Implement', 'Superseded', 'Complete'))
                                   AS terminal,
                               count(*) AS stories
                          FROM document WHERE doc_type = 'story'
                        """).get(0);
        double expected = Math.round((Long) stories.get("terminal") * 1000.0 / (Long) stories.get("stories")) / 10.0;
        assertThat(all.getDouble("completion_percentage")).isEqualTo(expected);
        assertThat(all.getLong("total_documents")).isEqualTo(Sql.value("SELECT count(*) FROM document"));
        assertThat(all.getLong("by_type.story")).isEqualTo(stories.get("stories"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> project(JsonPath all, String slug) {
        return all.getList("projects", Map.class).stream()
                .filter(p -> slug.equals(p.get("slug")))
                .findFirst()
                .orElseThrow();
    }
}
