package io.sdlclens.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Corpus;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchResourceTest {

    String slug;
    Path root;

    /** Once per class, but after Quarkus has pointed REST Assured at the test port. */
    @BeforeEach
    void syncCorpus() {
        if (slug != null) {
            return;
        }
        root = Corpus.write("search");
        slug = Projects.register(root);
        Projects.sync(slug);
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

    JsonPath searchIn(String project, String q) {
        return given().queryParam("q", q)
                .queryParam("project", project)
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    List<String> ids(String q) {
        return search(q, "").getList("items.doc_id", String.class);
    }

    @Test
    void findsWordsWithStemmingAndShapesItems() {
        JsonPath result = search("syncing", "");
        assertThat(result.getList("items.doc_id", String.class)).contains("EP0002-sync", "US0003-sync-status");
        assertThat(result.getString("query")).isEqualTo("syncing");
        assertThat(result.getInt("page")).isEqualTo(1);
        assertThat(result.getInt("per_page")).isEqualTo(20);
        assertThat(result.getInt("total")).isEqualTo(result.getList("items").size());
        Map<String, Object> item = result.getMap("items[0]");
        assertThat(item)
                .containsKeys("doc_id", "type", "title", "project_slug", "project_name", "status", "snippet", "score");
        assertThat(item.get("project_slug")).isEqualTo(slug);
        List<Float> scores = result.getList("items.score", Float.class);
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void titleHitsOutrankBodyHits() {
        // "zebra" is in the body of US0003 and of the meeting notes; "Rename" is in US0002's title
        Folders.write(root, "notes/zebra-title.md", "# Zebra handbook\n\nAbout animals.\n");
        Projects.sync(slug);
        assertThat(ids("zebra").get(0)).isEqualTo("zebra-title");
    }

    @Test
    void phraseOrAndExclusion() {
        assertThat(ids("\"register a project\"")).containsExactly("US0001-register");
        assertThat(ids("zebra")).contains("US0003-sync-status", "meeting");
        assertThat(ids("zebra -crossings")).contains("US0003-sync-status").doesNotContain("meeting");
        assertThat(ids("renaming or crossings")).contains("US0002-rename", "meeting");
        assertThat(ids("renaming crossings")).isEmpty();
    }

    Map<String, Object> item(JsonPath result, String docId) {
        return result.getList("items", Map.class).stream()
                .filter(item -> docId.equals(item.get("doc_id")))
                .map(item -> (Map<String, Object>) item)
                .findFirst()
                .orElseThrow(() -> new AssertionError(docId + " not in " + result.prettify()));
    }

    @Test
    void snippetIsPlainTextWithMarksAndSnippetHtmlIsEscaped() {
        Map<String, Object> item = item(search("register", ""), "US0001-register");
        assertThat(item.get("snippet"))
                .isEqualTo("<mark>Register</mark> a folder as a project. <script>alert('x')</script> & more.");
        assertThat(item.get("snippet_html"))
                .isEqualTo("<mark>Register</mark> a folder as a project. "
                        + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more.");
    }

    @Test
    void quotesAndWrittenMarksComeBackLiteralAndMarksStayUnambiguous() {
        Folders.write(root, "notes/quotes.md", """
                # Quotes

                The "kookaburra" said a > b & it's <mark>fake</mark> <MARK>loud</MARK> here.
                """);
        Projects.sync(slug);
        Map<String, Object> item = item(search("kookaburra", ""), "quotes");
        assertThat(item.get("snippet"))
                .isEqualTo("# Quotes The \"<mark>kookaburra</mark>\" said a > b & it's fake loud here.");
        assertThat(item.get("snippet_html"))
                .isEqualTo(
                        "# Quotes The &quot;<mark>kookaburra</mark>&quot; said a &gt; b &amp; it&#39;s fake loud here.");
    }

    @Test
    void snippetsStartAndEndOnWordsAroundAMatchLateInABody() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append("filler").append(i).append(i % 7 == 0 ? " <script>alert(1)</script> " : " ");
        }
        body.append("the cassowary <script>alert(2)</script> runs; ");
        for (int i = 0; i < 50; i++) {
            body.append("tail").append(i).append(" (x)\n");
        }
        Folders.write(root, "notes/bird.md", "# Bird\n\n" + body);
        Projects.sync(slug);
        String snippet = (String) item(search("cassowary", ""), "bird").get("snippet");
        assertThat(snippet).contains("<mark>cassowary</mark>");
        List<String> sourceWords = List.of(body.toString().split("\\s+"));
        for (String excerpt : snippet.split(" … ")) {
            for (String word :
                    excerpt.replace("<mark>", "").replace("</mark>", "").split(" ")) {
                assertThat(sourceWords)
                        .as("snippet word %s is a whole word of the body", word)
                        .contains(word);
            }
        }
    }

    @Test
    void aSecondMatchPastTheHighlightedPrefixStillGivesItsExcerpt() {
        StringBuilder body = new StringBuilder("The heron waits.");
        for (int i = 0; body.length() < 3 * SearchRepository.SNIPPET_PREFIX_CHARS; i++) {
            body.append(" reed").append(i);
        }
        body.append(" then the heron flies away over the marsh.\n");
        Folders.write(root, "notes/heron.md", "# Marsh\n\n" + body);
        Projects.sync(slug);
        String snippet = (String) item(search("heron", ""), "heron").get("snippet");
        assertTwoExcerpts(
                snippet, "The <mark>heron</mark> waits.", "the <mark>heron</mark> flies away over the marsh.");
    }

    @Test
    void aSecondMatchFarIntoTheSourceIsHighlightedInOnePass() {
        // the prefix is sized from the match positions in the stored vector: it reaches the second match
        double before = wholeSnippets();
        String snippet = syncedSnippet("stork", "# Shore\n\nThe stork waits." + reeds() + " then the stork flies.\n");
        assertTwoExcerpts(snippet, "The <mark>stork</mark> waits.", "then the <mark>stork</mark> flies.");
        assertThat(wholeSnippets())
                .as("snippets highlighted from the whole source")
                .isEqualTo(before);
    }

    @Test
    void aPrefixSizedTooShortStillGivesTheSecondExcerpt() {
        // runs of marks without positions between the matches (each under the highlighter's 2,047-character token
        // limit), and short words after them: the source's characters per position overall are far fewer than
        // before the second match, so the sized prefix ends before it
        double before = wholeSnippets();
        String snippet = syncedSnippet(
                "plover",
                "# Shore\n\nThe plover waits. " + ("| ".repeat(500) + "x ").repeat(5) + "then the plover runs. "
                        + "ab ".repeat(3_000) + "\n");
        assertTwoExcerpts(snippet, "The <mark>plover</mark> waits.", "then the <mark>plover</mark> runs.");
        assertThat(wholeSnippets())
                .as("snippets highlighted from the whole source")
                .isEqualTo(before + 1);
    }

    @Test
    void aPrefixHoldingTheOnlyMatchGivesTheSnippetWithoutHighlightingTheWholeSource() {
        double before = wholeSnippets();
        String snippet = syncedSnippet("ibis", "# Shore\n\nThe ibis waits." + reeds() + " and the tide turns.\n");
        assertThat(snippet).contains("The <mark>ibis</mark> waits. reed0").doesNotContain(" … ");
        assertThat(wholeSnippets())
                .as("snippets highlighted from the whole source")
                .isEqualTo(before);
    }

    @Test
    void aMatchTheStoredVectorDoesNotCountStillGivesItsExcerpt() {
        // the vector skips <egret> as a tag; the snippet shows the text as written, so it marks the word
        double before = wholeSnippets();
        String snippet = syncedSnippet("egret", "# Shore\n\nThe egret waits." + reeds() + " then <egret> flies.\n");
        assertTwoExcerpts(snippet, "The <mark>egret</mark> waits.", "then <<mark>egret</mark>> flies.");
        assertThat(wholeSnippets()).isEqualTo(before + 1);
    }

    @Test
    void aWordTooFrequentForTheStoredVectorToCountStillGivesItsLaterExcerpt() {
        // 300 matches in one word, within the prefix: a vector keeps at most 255 positions of a lexeme, so its count
        // cannot tell that the prefix holds every match
        String parts = String.join("-", Collections.nCopies(300, "ox"));
        String snippet = syncedSnippet("ox", "# Pasture\n\n" + parts + " waits." + reeds() + " then the ox ploughs.\n");
        assertThat(snippet.split(" … "))
                .hasSize(2)
                .satisfies(excerpts -> assertThat(excerpts[1]).contains("then the <mark>ox</mark> ploughs."));
    }

    /** {@code snippet} is two excerpts, holding {@code first} and {@code second}. */
    private static void assertTwoExcerpts(String snippet, String first, String second) {
        assertThat(snippet.split(" … ")).hasSize(2).satisfies(excerpts -> {
            assertThat(excerpts[0]).contains(first);
            assertThat(excerpts[1]).contains(second);
        });
    }

    /** The snippet of note {@code word}, written with {@code body} and synced, in a search for {@code word}. */
    private String syncedSnippet(String word, String body) {
        Folders.write(root, "notes/" + word + ".md", body);
        Projects.sync(slug);
        return (String) item(search(word, ""), word).get("snippet");
    }

    /** Filler words past the snippets' highlighted prefix. */
    private static String reeds() {
        StringBuilder reeds = new StringBuilder();
        for (int i = 0; reeds.length() < 3 * SearchRepository.SNIPPET_PREFIX_CHARS; i++) {
            reeds.append(" reed").append(i);
        }
        return reeds.toString();
    }

    private static double wholeSnippets() {
        // the counter is registered with the search's repository, made on the first search: one that finds nothing
        given().queryParam("q", "xyzzyplugh").get("/api/v1/search").then().statusCode(200);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^sdlc_lens_search_snippets_whole_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        assertThat(line.find())
                .as("sdlc_lens_search_snippets_whole_total in /q/metrics")
                .isTrue();
        return Double.parseDouble(line.group(1));
    }

    @Test
    void aWordNearTheEndOfAFiveMegabyteDocumentIsFoundWithASnippet() {
        JsonPath result = searchIn(longSlug(), "platypus");
        assertThat(result.getList("items.doc_id", String.class)).containsExactly("long");
        assertThat(result.getString("items[0].snippet"))
                .contains("<mark>platypus</mark>")
                .contains("burrow");
    }

    @Test
    void aPhraseAcrossAChunkBorderIsFound() {
        String longSlug = longSlug();
        assertThat(Sql.value("""
                        SELECT count(*) FROM document_search s JOIN document d ON d.id = s.document_id
                         WHERE d.doc_id = 'long' AND NOT s.whole""")).as("the long document has many chunks").isEqualTo((long) Sql.value("""
                        SELECT count(*) FROM document_search s JOIN document d ON d.id = s.document_id
                         WHERE d.doc_id = 'long'"""));
        assertThat(Sql.value("""
                        SELECT count(*) FROM document d
                          JOIN document_search s ON s.document_id = d.id AND s.chunk = 0
                         WHERE d.doc_id = 'long'
                           AND strpos(d.content, 'velvet thunder') - 1 < s.char_len
                           AND strpos(d.content, 'velvet thunder') - 1 + length('velvet thunder') > s.char_len"""))
                .as("the phrase starts in the first chunk and ends after it")
                .isEqualTo(1L);
        assertThat(searchIn(longSlug, "\"velvet thunder\"").getList("items.doc_id", String.class))
                .containsExactly("long");
        assertThat(searchIn(longSlug, "\"thunder velvet\"").getList("items")).isEmpty();
    }

    @Test
    void wordsInDifferentChunksAllMatchAndAnExcludedLateWordExcludes() {
        String longSlug = longSlug();
        assertThat(searchIn(longSlug, "velvet platypus").getList("items.doc_id", String.class))
                .containsExactly("long");
        assertThat(searchIn(longSlug, "velvet -wallaby").getList("items.doc_id", String.class))
                .containsExactly("short");
        assertThat(searchIn(longSlug, "velvet -nothinglikethis").getList("items.doc_id", String.class))
                .containsExactlyInAnyOrder("long", "short");
        assertThat(searchIn(longSlug, "-wallaby").getList("items.doc_id", String.class))
                .containsExactlyInAnyOrder("short", "lorem-title");
        assertThat(searchIn(longSlug, "\"velvet thunder\" -\"quiet wallaby\"").getList("items"))
                .isEmpty();
    }

    @Test
    void aLongDocumentIsOneResultRankedByTheSameRules() {
        JsonPath result = searchIn(longSlug(), "lorem");
        assertThat(result.getList("items.doc_id", String.class)).containsExactly("lorem-title", "long");
        assertThat(result.getInt("total")).isEqualTo(2);
    }

    /** The first chunk ends after at most 16,000 bytes (all ASCII here): "velvet thunder" is put across it. */
    static final int BORDER = 16_000;

    String longSlug;

    /** A project with a 5 MB document (the test profile reads files up to 6M), made once. */
    String longSlug() {
        if (longSlug != null) {
            return longSlug;
        }
        Path folder = Folders.create("search-long");
        StringBuilder body = new StringBuilder(5_300_000).append("# Long notes\n\n");
        String filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n\n";
        while (body.length() < BORDER) {
            body.append(filler);
        }
        body.setLength(BORDER - 8);
        body.append(" velvet thunder ");
        while (body.length() < 5_000_000) {
            body.append(filler);
        }
        body.append("a quiet wallaby and the platypus burrow at the very end\n");
        Folders.write(folder, "notes/long.md", body.toString());
        Folders.write(folder, "notes/short.md", "# Short notes\n\nA velvet curtain.\n");
        Folders.write(folder, "notes/lorem-title.md", "# Lorem handbook\n\nNothing else.\n");
        longSlug = Projects.register(folder);
        assertThat(Projects.sync(longSlug).getString("status")).isEqualTo("synced");
        return longSlug;
    }

    @Test
    void hostileQueriesNeverFail() {
        for (String q : List.of(
                "AND",
                "*",
                ":",
                "'",
                "\"",
                "\\",
                "%",
                ";DROP TABLE document;--",
                "a & b | !c",
                "(((",
                "-",
                "or",
                "\"unterminated",
                "<script>",
                "ü ñ 日本",
                "the",
                "'; SELECT 1; --",
                "a:*",
                "!!!")) {
            given().queryParam("q", q)
                    .get("/api/v1/search")
                    .then()
                    .statusCode(200)
                    .body("query", equalTo(q));
        }
        assertThat(given().queryParam("q", ";DROP TABLE document")
                        .get("/api/v1/search")
                        .statusCode())
                .isEqualTo(200);
        assertThat(ids("register")).isNotEmpty();
    }

    @Test
    void validationAndLimits() {
        given().get("/api/v1/search").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        given().queryParam("q", "   ").get("/api/v1/search").then().statusCode(422);
        given().queryParam("q", "x".repeat(500)).get("/api/v1/search").then().statusCode(200);
        given().queryParam("q", "x".repeat(501)).get("/api/v1/search").then().statusCode(422);
        for (String perPage : List.of("0", "51", "abc", "-3")) {
            given().queryParam("q", "zebra")
                    .queryParam("per_page", perPage)
                    .get("/api/v1/search")
                    .then()
                    .statusCode(422)
                    .body("error.message", org.hamcrest.Matchers.startsWith("per_page"));
        }
        given().queryParam("q", "zebra")
                .queryParam("page", "0")
                .get("/api/v1/search")
                .then()
                .statusCode(422);
        given().queryParam("q", "zebra")
                .queryParam("type", "novel")
                .get("/api/v1/search")
                .then()
                .statusCode(422);
        given().queryParam("q", "zebra")
                .queryParam("project", "no-such-project")
                .get("/api/v1/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void filtersAndPaging() {
        assertThat(search("project", "type=story").getList("items.type", String.class))
                .containsOnly("story");
        JsonPath first = search("project", "per_page=1&page=1");
        JsonPath second = search("project", "per_page=1&page=2");
        assertThat(first.getInt("total")).isGreaterThan(1).isEqualTo(second.getInt("total"));
        assertThat(first.getString("items[0].doc_id")).isNotEqualTo(second.getString("items[0].doc_id"));
        JsonPath past = search("project", "per_page=1&page=999");
        assertThat(past.getList("items")).isEmpty();
        assertThat(past.getInt("total")).isEqualTo(first.getInt("total"));
    }

    @Test
    void aDeletedProjectsDocumentsLeaveTheResults() {
        Path other = Folders.create("search-deleted");
        Folders.write(other, "notes/wombat.md", "# Wombat\n\nA wombat burrow.\n");
        String doomed = Projects.register(other);
        Projects.sync(doomed);
        // asked twice: the second answer may come from the cache
        for (int i = 0; i < 2; i++) {
            assertThat(given().queryParam("q", "wombat")
                            .get("/api/v1/search")
                            .then()
                            .extract()
                            .jsonPath()
                            .getInt("total"))
                    .isEqualTo(1);
        }
        given().delete("/api/v1/projects/" + doomed).then().statusCode(204);
        assertThat(given().queryParam("q", "wombat")
                        .get("/api/v1/search")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("total"))
                .isZero();
    }

    @Test
    void newDocumentsAreFoundAndDeletedOnesAreGone() throws Exception {
        assertThat(ids("quokka")).isEmpty();
        Folders.write(root, "notes/quokka.md", "# Notes\n\nA quokka appeared.\n");
        Projects.sync(slug);
        assertThat(ids("quokka")).containsExactly("quokka");
        Files.delete(root.resolve("notes/quokka.md"));
        Projects.sync(slug);
        assertThat(ids("quokka")).isEmpty();
    }

    @Test
    void anEditedDocumentIsFoundByItsNewWordsOnly() throws Exception {
        Folders.write(root, "notes/marsupial.md", "# Wombat notes\n\nA wombat appeared.\n");
        Projects.sync(slug);
        assertThat(ids("wombat")).containsExactly("marsupial");
        Folders.write(root, "notes/marsupial.md", "# Numbat notes\n\nA numbat appeared, twice over.\n");
        Projects.sync(slug);
        assertThat(ids("wombat")).isEmpty();
        assertThat(ids("numbat")).containsExactly("marsupial");
        assertThat(Sql.value("""
                        SELECT count(*) FROM document d
                          FULL JOIN document_search s ON s.document_id = d.id
                         WHERE s.document_id IS NULL OR d.id IS NULL
                            OR s.project_id <> d.project_id OR s.doc_type <> d.doc_type
                        """))
                .as("every document has exactly its own search row")
                .isEqualTo(0L);
    }
}
