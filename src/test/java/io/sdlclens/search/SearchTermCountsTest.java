package io.sdlclens.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The per-word document counts and tier scores of migration V14 against the search rows they count, through every kind of write:
 * a sync's inserts, edits, deletions, a body growing into chunks and back, a writer other than the sync, a project
 * deleted. The checks compare every count in the database, so they also hold what the other suites wrote.
 */
@QuarkusTest
class SearchTermCountsTest {

    /** Keys whose kept count (folded plus deltas) differs from the number of whole-body rows holding the word. */
    private static final String MISCOUNTED = """
            WITH kept AS (
                SELECT lexeme, project_id, doc_type, sum(documents) AS n
                  FROM (SELECT lexeme, project_id, doc_type, documents FROM search_term_count
                        UNION ALL
                        SELECT lexeme, project_id, doc_type, documents FROM search_term_delta) k
                 GROUP BY lexeme, project_id, doc_type HAVING sum(documents) <> 0),
            held AS (
                SELECT lexeme COLLATE "C" AS lexeme, project_id, doc_type, count(*) AS n
                  FROM (SELECT project_id, doc_type, unnest(tsvector_to_array(search_vector)) AS lexeme
                          FROM document_search WHERE whole) w
                 GROUP BY 1, 2, 3)
            SELECT count(*) FROM kept FULL JOIN held USING (lexeme, project_id, doc_type)
             WHERE kept.n IS DISTINCT FROM held.n
            """;

    /** Kept tier scores missing, left over or differing from those of the whole-body rows' tier vectors. */
    private static final String MISRANKED = """
            SELECT count(*) FROM search_term_top t
              FULL JOIN (SELECT x.* FROM document_search s,
                                search_term_top_rows(s.document_id, s.project_id, s.doc_type, s.tier_vector) x
                          WHERE s.whole) held USING (lexeme, document_id)
             WHERE t.score IS DISTINCT FROM held.score OR t.project_id IS DISTINCT FROM held.project_id
                OR t.doc_type IS DISTINCT FROM held.doc_type
            """;

    @Test
    void countsFollowEveryWriteAndGiveOneWordTotals() throws Exception {
        Path root = Folders.create("search-counts");
        Folders.write(root, "notes/wombat.md", "# Wombat den\n\nA numbat visits the wombat.\n");
        Folders.write(root, "notes/numbat.md", "# Numbat\n\nThe numbat eats termites.\n");
        Folders.write(root, "notes/bilby.md", "# Bilby\n\nA bilby and a numbat.\n");
        String slug = Projects.register(root);
        Projects.sync(slug);
        assertCountsExact(slug);
        assertThat(total(slug, "numbat")).isEqualTo(3);

        // edits of body and title, a deletion, a body long enough to be indexed in chunks
        Folders.write(root, "notes/wombat.md", "# Wombat den\n\nOnly wombats here.\n");
        Folders.write(root, "notes/numbat.md", "# Termite mound\n\nThe numbat eats termites.\n");
        Files.delete(root.resolve("notes/bilby.md"));
        Folders.write(root, "notes/long.md", "# Long\n\nnumbat " + "termite mound ".repeat(2_000) + "\n");
        Projects.sync(slug);
        assertCountsExact(slug);
        assertThat(total(slug, "termites")).isEqualTo(2);
        assertThat(total(slug, "numbats")).isEqualTo(2);

        // the long body shrinks back to one whole row
        Folders.write(root, "notes/long.md", "# Long no more\n\nA numbat.\n");
        Projects.sync(slug);
        assertCountsExact(slug);
        assertThat(total(slug, "numbat")).isEqualTo(2);

        // a writer other than the sync: its deltas are not folded, and the search adds them
        Sql.update("""
                UPDATE document SET doc_type = 'bug', title = 'Quokka mound'
                 WHERE project_id = (SELECT id FROM project WHERE slug = ?) AND file_path = 'notes/long.md'
                """, slug);
        assertThat((Long) Sql.value(
                        "SELECT count(*) FROM search_term_delta WHERE project_id = (SELECT id FROM project WHERE slug = ?)",
                        slug))
                .as("the direct write left deltas unfolded")
                .isPositive();
        assertCountsExact(null);
        assertThat(total(slug, "quokka")).isEqualTo(1);
        assertThat(given().queryParam("q", "mound")
                        .queryParam("project", slug)
                        .queryParam("type", "bug")
                        .get("/api/v1/search")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("total"))
                .isEqualTo(1);

        given().delete("/api/v1/projects/" + slug).then().statusCode(204);
        assertThat(Sql.value("""
                        SELECT (SELECT count(*) FROM search_term_count c WHERE NOT EXISTS (
                                    SELECT 1 FROM project p WHERE p.id = c.project_id))
                             + (SELECT count(*) FROM search_term_delta c WHERE NOT EXISTS (
                                    SELECT 1 FROM project p WHERE p.id = c.project_id))
                        """)).as("no count is left for a deleted project").isEqualTo(0L);
        assertCountsExact(null);
    }

    /** Every kept count and tier score is exact; with {@code slug}, its completed sync has also folded its deltas. */
    private static void assertCountsExact(String slug) {
        assertThat(Sql.value(MISCOUNTED))
                .as("miscounted (word, project, type) keys")
                .isEqualTo(0L);
        assertThat(Sql.value(MISRANKED))
                .as("misranked (word, document) tier entries")
                .isEqualTo(0L);
        assertThat(Sql.value("SELECT count(*) FROM search_term_top"))
                .as("tier entries kept")
                .isNotEqualTo(0L);
        if (slug != null) {
            assertThat(Sql.value(
                            "SELECT count(*) FROM search_term_delta WHERE project_id = (SELECT id FROM project WHERE slug = ?)",
                            slug))
                    .as("deltas left after a completed sync")
                    .isEqualTo(0L);
        }
    }

    private static int total(String slug, String word) {
        return given().queryParam("q", word)
                .queryParam("project", slug)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }
}
