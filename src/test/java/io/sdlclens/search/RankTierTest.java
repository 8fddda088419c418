package io.sdlclens.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A word with more hits than {@link SearchRepository#CANDIDATES}: only the rank tier's best hits are ranked exactly,
 * and the answers must be those of ranking every hit.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankTierTest {

    static final int BODY_HITS = SearchRepository.CANDIDATES + 300;

    static final int TITLE_HITS = SearchRepository.CANDIDATES + 100;

    static final long TOTAL = BODY_HITS + 30 + TITLE_HITS + 1;

    String slug;

    @BeforeEach
    void syncCorpus() {
        if (slug != null) {
            return;
        }
        Path root = Folders.create("search-tier");
        for (int i = 0; i < BODY_HITS; i++) {
            // body-only hits, 1 to 4 occurrences (all below the tier), some with a second word and an exclusion
            String extra = i % 3 == 0 ? " gadget" : "";
            String excluded = i % 5 == 0 ? " forbidden" : "";
            String body = "a quoll" + " quoll".repeat(i % 4) + extra + excluded + " note number " + i;
            Folders.write(root, "notes/body-" + i + ".md", "# Note " + i + "\n\n" + body + "\n");
        }
        // 30 documents with 12 to 41 occurrences
        for (int n = 12; n < 42; n++) {
            String gadget = n % 2 == 0 ? "gadget " : "";
            Folders.write(
                    root, "notes/dense-" + n + ".md", "# Dense " + n + "\n\n" + "quoll ".repeat(n) + gadget + "\n");
        }
        // more title hits than are ranked exactly; the most occurrences come last, so cutting the tier by anything
        // but its rank would lose them
        for (int i = 0; i < TITLE_HITS; i++) {
            String body = "quoll ".repeat(Math.max(0, i - (TITLE_HITS - 30)))
                    + (i == TITLE_HITS - 1 ? "forbidden" : "nothing else");
            Folders.write(root, "notes/title-%03d.md".formatted(i), "# Quoll guide " + i + "\n\n" + body + "\n");
        }
        Folders.write(root, "bugs/title-bug.md", "# Quoll bug\n\nforbidden quoll\n");
        slug = Projects.register(root);
        assertThat(Projects.sync(slug).getString("status")).isEqualTo("synced");
    }

    JsonPath search(String q, String extra) {
        return given().queryParam("q", q)
                .queryParam("project", slug)
                .get("/api/v1/search" + (extra.isEmpty() ? "" : "?" + extra))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The full ranking, straight from the vectors: every hit's ts_rank, by score then id. */
    List<String> fullRanking(String q, String type, int limit) {
        return fullRanking(q, q, type, limit);
    }

    /** Ranked by {@code rankedBy}: a query's exclusions do not rank. */
    List<String> fullRanking(String q, String rankedBy, String type, int limit) {
        List<String> ids = new ArrayList<>();
        for (var row : Sql.rows("""
                SELECT d.doc_id FROM document_search s JOIN document d ON d.id = s.document_id
                  JOIN project p ON p.id = d.project_id
                 WHERE p.slug = ? AND s.search_vector @@ websearch_to_tsquery('english', ?)
                   AND (?::text IS NULL OR s.doc_type = ?)
                 ORDER BY ts_rank(s.search_vector, websearch_to_tsquery('english', ?)) DESC, s.document_id
                 LIMIT ?""", slug, q, type, type, rankedBy, limit)) {
            ids.add((String) row.get("doc_id"));
        }
        return ids;
    }

    long fullTotal(String q) {
        return (long) Sql.value("""
                SELECT count(*) FROM document_search s JOIN document d ON d.id = s.document_id
                  JOIN project p ON p.id = d.project_id
                 WHERE p.slug = ? AND s.search_vector @@ websearch_to_tsquery('english', ?)""", slug, q);
    }

    @Test
    void titleHitsRankFirstThenMoreOccurrencesAboveFewerAmongHundredsOfBodyHits() {
        JsonPath result = search("quoll", "per_page=20");
        assertThat(result.getLong("total")).isEqualTo(TOTAL).isEqualTo(fullTotal("quoll"));
        List<String> ids = result.getList("items.doc_id", String.class);
        assertThat(ids).startsWith("title-599", "title-598", "title-597").contains("title-580");
        assertThat(ids).containsExactlyElementsOf(fullRanking("quoll", null, 20));
        List<Float> scores = result.getList("items.score", Float.class);
        assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        // one word is scored by its rank tier alone: the scores must be the full vectors' own
        assertThat(scores).containsExactlyElementsOf(fullScores("quoll", 20));
    }

    List<Float> fullScores(String q, int limit) {
        List<Float> scores = new ArrayList<>();
        for (var row : Sql.rows("""
                SELECT ts_rank(s.search_vector, websearch_to_tsquery('english', ?)) AS score
                  FROM document_search s JOIN project p ON p.id = s.project_id
                 WHERE p.slug = ? AND s.search_vector @@ websearch_to_tsquery('english', ?)
                 ORDER BY 1 DESC, s.document_id
                 LIMIT ?""", q, slug, q, limit)) {
            scores.add(((Number) row.get("score")).floatValue());
        }
        return scores;
    }

    @Test
    void exclusionAndPhraseStayExactWithTheTotal() {
        JsonPath excluded = search("quoll -forbidden", "");
        assertThat(excluded.getList("items.doc_id", String.class))
                .doesNotContain("title-bug", "title-599")
                .containsExactlyElementsOf(fullRanking("quoll -forbidden", "quoll", null, 20));
        assertThat(excluded.getLong("total")).isEqualTo(fullTotal("quoll -forbidden"));

        JsonPath phrase = search("\"quoll gadget\"", "");
        assertThat(phrase.getList("items.doc_id", String.class))
                .contains("dense-40")
                .containsExactlyElementsOf(fullRanking("\"quoll gadget\"", null, 20));
        assertThat(phrase.getLong("total")).isEqualTo(fullTotal("\"quoll gadget\""));

        JsonPath both = search("quoll gadget", "");
        assertThat(both.getLong("total")).isEqualTo(fullTotal("quoll gadget"));
        assertThat(both.getList("items.doc_id", String.class))
                .containsExactlyElementsOf(fullRanking("quoll gadget", null, 20));
    }

    @Test
    void pagesFollowOneAnotherAndTheTypeFilterHolds() {
        List<String> seen = new ArrayList<>();
        float last = Float.MAX_VALUE;

        for (int page = 1; page <= 3; page++) {
            JsonPath result = search("quoll", "per_page=20&page=" + page);
            assertThat(result.getLong("total")).isEqualTo(TOTAL);
            List<String> ids = result.getList("items.doc_id", String.class);
            assertThat(ids).hasSize(20);
            assertThat(seen).doesNotContainAnyElementsOf(ids);
            List<Float> scores = result.getList("items.score", Float.class);
            assertThat(scores.get(0)).isLessThanOrEqualTo(last);
            last = scores.get(scores.size() - 1);
            seen.addAll(ids);
        }
        assertThat(seen).containsExactlyElementsOf(fullRanking("quoll", null, 60));

        JsonPath bugs = search("quoll", "type=bug");
        assertThat(bugs.getList("items.doc_id", String.class)).containsExactly("title-bug");
        assertThat(bugs.getLong("total")).isEqualTo(1L);
        JsonPath notes =
                search("quoll", "type=" + Sql.value("SELECT doc_type FROM document WHERE doc_id = 'dense-12'"));
        assertThat(notes.getLong("total")).isEqualTo(TOTAL - 1);
        assertThat(notes.getList("items.doc_id", String.class))
                .doesNotContain("title-bug")
                .hasSize(20);
        JsonPath past = search("quoll", "page=100");
        assertThat(past.getList("items")).isEmpty();
        assertThat(past.getLong("total")).isEqualTo(TOTAL);
    }
}
