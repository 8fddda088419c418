package io.sdlclens.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sdlclens.system.KeptStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-text search over the stored search vectors ({@code document_search}, kept by triggers of migrations V4 and
 * V6). The query text goes to {@code websearch_to_tsquery}, which accepts any input (quotes, {@code or},
 * {@code -word}, operators and SQL are all just text to it), so no query can fail. A document whose body fits one
 * chunk has one row ({@code whole}) and is matched and ranked by its vector, as it always was. A longer body has one
 * row per chunk: it is matched as a whole through the query's {@link QueryShape} and ranked by its best chunk, whose
 * text also gives its snippet. Snippets are computed for the returned page only.
 */
@ApplicationScoped
public class SearchRepository {

    /** Marks the highlighter puts around matches; control characters, stripped from the text beforehand. */
    static final char MARK_START = '\u0002';

    static final char MARK_END = '\u0003';

    /**
     * Stand-ins for {@code <} and {@code >}: the highlighter drops anything that looks like an HTML tag, and a
     * snippet must show the document's text as written, not a silently cleaned version of it.
     */
    static final char LESS_THAN = '\u0004';

    static final char GREATER_THAN = '\u0005';

    /**
     * Only this much of a body (or of its best chunk) is highlighted for a snippet: highlighting a 5 MB document
     * would cost too much. A chunk is at most 16,000 bytes, so this covers it whole.
     */
    static final int SNIPPET_SOURCE_CHARS = 20_000;

    /**
     * A page's snippets are first highlighted from a prefix of their source: highlighting costs in proportion to the
     * text (every word is stemmed), and the snippet's excerpts sit around the first matches. When the prefix does not
     * decide the snippet ({@link Snippets#decidedByPrefix}), the hit's whole source is highlighted after all. The
     * prefix is this long when the query has no plain lexemes or the source's vector holds no body position of them;
     * otherwise it is sized from those positions ({@link #PREFIX_ESTIMATE}).
     */
    static final int SNIPPET_PREFIX_CHARS = 2_000;

    /** The shortest prefix sized from the positions: below it, a second highlighting pass costs more than it saves. */
    static final int SNIPPET_PREFIX_MIN_CHARS = 400;

    private static final String HIGHLIGHT = """
            ts_headline('english', translate(%s, E'<>\\x02\\x03\\x04\\x05', E'\\x04\\x05'), %s,
                        'StartSel="\u0002", StopSel="\u0003", HighlightAll=true')""";

    /**
     * What the vector of each hit's snippet source says about the query's lexemes ({@code query.lexemes}; no row
     * without them): the source's last position of any lexeme, how many of its words match (see
     * {@link #SNIPPET_OF_PAGE}), and the sorted body positions of the matches ({@code pp}). The lexemes are picked
     * out by the vector functions (re-weighted to D, which no stored vector uses, then filtered on it), not by
     * unnesting every lexeme of the source once per question.
     */
    private static final String VECTOR_STATS = """
                       SELECT (SELECT max(u.positions[cardinality(u.positions)]) FROM unnest(v.search_vector) u)
                                  AS last,
                              (SELECT CASE WHEN count(*) = 0
                                             OR (bool_and(u.positions IS NOT NULL)
                                                 AND max(cardinality(u.positions)) < 255
                                                 AND max(u.positions[cardinality(u.positions)]) < 16383)
                                           THEN coalesce((SELECT sum(cardinality(b.positions))
                                                            FROM unnest(v.body_hits) b), 0)
                                      END
                                 FROM unnest(v.hits) u) AS matches,
                              ARRAY(SELECT x FROM unnest(v.body_hits) b, unnest(b.positions) x ORDER BY 1) AS pp
                         FROM (SELECT v.search_vector,
                                      ts_filter(setweight(v.search_vector, 'd', query.lexemes), '{d}') AS hits,
                                      ts_filter(setweight(ts_filter(v.search_vector, '{b}'), 'd', query.lexemes),
                                                '{d}') AS body_hits
                                 FROM document_search v
                                WHERE query.lexemes IS NOT NULL AND v.document_id = page.id
                                  AND CASE WHEN page.char_start IS NULL THEN v.whole
                                           ELSE NOT v.whole AND v.char_start = page.char_start END
                               OFFSET 0) v
            """;

    /**
     * The prefix's length in characters ({@code stats}: {@link #VECTOR_STATS}). The snippet needs the words up to
     * the end of its second excerpt, whose match is the first at least {@code EXCERPT_WORDS - WORDS_BEFORE}
     * positions after the first match, plus the prefix's margin; with no such match, up to the last match. A
     * position becomes characters at the source's own ratio (its length over its last position), with a quarter and
     * 120 characters to spare: positions count the parser's words, not the whitespace-separated words of the
     * excerpts, and an estimate that falls short only costs the second pass, never a different snippet.
     */
    private static final String PREFIX_ESTIMATE = """
                       SELECT CASE WHEN e.need IS NULL OR stats.last IS NULL THEN %1$d
                                   ELSE least(%2$d, greatest(%3$d,
                                              ceil(e.need::numeric * %6$s / stats.last * 1.25)::integer + 120))
                              END AS prefix
                         FROM (SELECT (SELECT coalesce(min(y) FILTER (WHERE y >= stats.pp[1] + %4$d) + %5$d,
                                                       max(y) + %7$d)
                                         FROM unnest(stats.pp) y) AS need) e
            """;

    /**
     * The page's columns after its own: the highlighted prefix of each hit's snippet source (body, or best chunk),
     * whether the source goes on past it, and if so how many of its words match the query, counted from the
     * positions of the query's lexemes ({@code query.lexemes}) in the source's own vector, for
     * {@link Snippets#decidedByPrefix}. The count is left unknown (null) where positions and highlighted words may
     * not pair one for one: a source holding {@code <} (the vector skips what looks like a tag, the highlighter
     * sees the stand-ins) or a control character (dropped before highlighting, which may join two words), and a
     * vector that may have dropped positions (it keeps at most 255 of a lexeme, and none past 16,383). The tail of
     * the {@code SELECT}: {@code query} and {@code page} in scope.
     */
    private static final String SNIPPET_OF_PAGE = """
                       %1$s AS snippet,
                       char_length(source.text) > source.prefix AS snippet_cut,
                       CASE WHEN char_length(source.text) > source.prefix AND query.lexemes IS NOT NULL
                                 AND substr(d.content, coalesce(page.char_start, 0) + 1,
                                            coalesce(page.char_len, %2$d)) !~ E'[<\\x02-\\x05]'
                            THEN stats.matches
                       END AS source_matches
                  FROM query, page
                  JOIN document d ON d.id = page.id
                  JOIN project p ON p.id = d.project_id
                  LEFT JOIN LATERAL (
            %3$s
                        OFFSET 0) stats ON true
                 CROSS JOIN LATERAL (
            %4$s
                        OFFSET 0) sized
                 CROSS JOIN LATERAL (
                       SELECT substr(d.content, coalesce(page.char_start, 0) + 1,
                                     least(coalesce(page.char_len, %2$d), sized.prefix + 1)) AS text,
                              sized.prefix) source
            """.formatted(
                    HIGHLIGHT.formatted("left(source.text, source.prefix)", "query.q"),
                    SNIPPET_SOURCE_CHARS,
                    VECTOR_STATS,
                    PREFIX_ESTIMATE.formatted(
                            SNIPPET_PREFIX_CHARS,
                            SNIPPET_SOURCE_CHARS,
                            SNIPPET_PREFIX_MIN_CHARS,
                            Snippets.EXCERPT_WORDS - Snippets.WORDS_BEFORE,
                            Snippets.EXCERPT_WORDS - Snippets.WORDS_BEFORE + Snippets.PREFIX_MARGIN_WORDS,
                            "coalesce(page.char_len, d.content_length)",
                            Snippets.PREFIX_MARGIN_WORDS));

    /** Whole snippet sources highlighted, for the hits their prefix did not decide: {@code $2..$4} per hit. */
    private static final String WHOLE_SNIPPETS = KeptStatements.keep("""
            SELECT c.id, %s AS snippet
              FROM unnest($2::bigint[], $3::integer[], $4::integer[]) AS c(id, char_start, char_len)
              JOIN document d ON d.id = c.id
            """.formatted(HIGHLIGHT.formatted(
            "substr(d.content, coalesce(c.char_start, 0) + 1, coalesce(c.char_len, %d))"
                    .formatted(SNIPPET_SOURCE_CHARS),
            "websearch_to_tsquery('english', $1)")));

    /** Parsed query shapes kept; a shape depends on the query text only, so an entry never goes stale. */
    static final int SHAPE_CACHE_SIZE = 1000;

    private static final String SHAPE = KeptStatements.keep("SELECT websearch_to_tsquery('english', $1)::text");

    /**
     * Long documents are candidates when one of their chunks has an atom ({@code $6}); a query that holds without
     * any atom ({@code -word} alone) makes every long document a candidate ({@code $6} is then null).
     */
    private static final String CANDIDATES_BY_ATOM = "c.search_vector @@ $6::tsquery";

    private static final String CANDIDATES_ALL = "c.chunk = 0 AND $6::text IS NULL";

    /**
     * The hits among long documents, one per document, ranked by its best chunk: candidates (the {@code %s}, see
     * {@link #CANDIDATES_BY_ATOM}) are matched as a whole through the query's {@link QueryShape} ({@code $7}
     * atoms, {@code $8} structure). Shared by the full ranking and the two-stage one.
     */
    private static final String LONG_HITS = """
                (SELECT DISTINCT ON (s.document_id)
                       s.document_id, ts_rank(s.search_vector, query.rank_q), s.char_start, s.char_len
                  FROM document_search s, query
                 WHERE NOT s.whole AND s.document_id IN (
                        SELECT c.document_id FROM document_search c
                         WHERE NOT c.whole AND %s
                           AND ($2::text IS NULL OR c.project_id = (SELECT id FROM project WHERE slug = $2))
                           AND ($3::text IS NULL OR c.doc_type = $3)
                           AND array_to_tsvector(ARRAY(
                                   SELECT 'a' || a.i FROM unnest($7::text[]) WITH ORDINALITY a(atom, i)
                                    WHERE EXISTS (SELECT 1 FROM document_search x
                                                   WHERE x.document_id = c.document_id
                                                     AND x.search_vector @@ a.atom::tsquery)))
                               @@ $8::tsquery)
                 ORDER BY s.document_id, 2 DESC, s.chunk)
            """;

    private static final String HITS = """
            WITH query AS (SELECT q, coalesce($9::tsquery, q) AS rank_q, $10::text[] AS lexemes
                             FROM (SELECT websearch_to_tsquery('english', $1) AS q) parsed),
            hits AS (
                SELECT s.document_id AS id, ts_rank(s.search_vector, query.rank_q) AS score,
                       NULL::integer AS char_start, NULL::integer AS char_len
                  FROM document_search s, query
                 WHERE s.whole AND s.search_vector @@ query.q
                   AND ($2::text IS NULL OR s.project_id = (SELECT id FROM project WHERE slug = $2))
                   AND ($3::text IS NULL OR s.doc_type = $3)
                UNION ALL
""" + LONG_HITS + """
            )
            """;

    private static final String PAGE = """
            , page AS (SELECT id, score, char_start, char_len FROM hits ORDER BY score DESC, id LIMIT $4 OFFSET $5)
            SELECT (SELECT count(*) FROM hits) AS total,
                   d.doc_id, d.doc_type, d.title, d.status, p.slug, p.name, page.score, page.id,
                   page.char_start, page.char_len,
            """ + SNIPPET_OF_PAGE + """
             ORDER BY page.score DESC, page.id
            """;

    private static final String PAGE_BY_ATOM = KeptStatements.keep(HITS.formatted(CANDIDATES_BY_ATOM) + PAGE);

    /**
     * When a query has more whole-body hits than this, only the rank tier's best hits (by {@code tier_vector}, see
     * migration V11) are ranked exactly; fewer hits are all ranked exactly. Kept constant across the first pages so
     * that consecutive pages are cut from the same candidates.
     */
    static final int CANDIDATES = 500;

    private static final String FILTERS = """
               AND ($2::text IS NULL OR s.project_id = (SELECT id FROM project WHERE slug = $2))
               AND ($3::text IS NULL OR s.doc_type = $3)
            """;

    /**
     * Two-stage ranking. With at most {@code $9} whole-body hits, all are ranked; with more, the hits of the rank tier
     * are ordered by the tier's own rank (which, for one word, is the exact rank, and every hit outside the tier
     * ranks below every hit inside it) and the best {@code $9} are ranked exactly on their full vectors, which also
     * applies the whole query (exclusions, phrases). A query of one word ({@code $11}) keeps the tier's rank as its
     * score: it is already exact, and every tier hit is a hit, so no full vector is read at all. Long documents are
     * matched and ranked through their chunks as in {@link #HITS}. The one row that always comes back carries the
     * total and how many hits were ranked; the page's rows follow it.
     *
     * <p>{@code wholeHits} counts the whole-body hits ({@code n}) and {@code tier} picks the best tier hits. They come
     * in two versions, one statement each rather than one statement with both behind a parameter test: PostgreSQL
     * prices a generic plan with both branches, finds it dearer than the custom plans and keeps planning the long
     * statement on every execution (about 0.9 ms, more than a rare word's whole execution).
     */
    private static String tiered(String wholeHits, String tier) {
        return KeptStatements.keep("""
            WITH query AS MATERIALIZED (
                SELECT q, coalesce($10::tsquery, q) AS rank_q, $6::tsquery AS any_atom, $12::text[] AS lexemes
                  FROM (SELECT websearch_to_tsquery('english', $1) AS q) parsed),
            whole_hits AS MATERIALIZED (
            """ + wholeHits + """
            ),
            tier AS (
            """ + tier + """
            ),
            hits AS (
                SELECT s.document_id AS id, ts_rank(s.search_vector, query.rank_q) AS score,
                       NULL::integer AS char_start, NULL::integer AS char_len
                  FROM document_search s, query
                 WHERE s.whole AND s.search_vector @@ query.q AND (SELECT n FROM whole_hits) <= $9
            """ + FILTERS + """
                UNION ALL
                SELECT tier.id, tier.score, NULL::integer, NULL::integer FROM tier WHERE $11
                UNION ALL
                SELECT s.document_id, ts_rank(s.search_vector, query.rank_q), NULL::integer, NULL::integer
                  FROM tier JOIN document_search s ON s.document_id = tier.id AND s.chunk = 0, query
                 WHERE NOT $11 AND s.search_vector @@ query.q
                UNION ALL
"""
                + LONG_HITS.formatted(CANDIDATES_BY_ATOM) + """
            ),
            counts AS (
                SELECT (SELECT n FROM whole_hits) + count(*) FILTER (WHERE char_start IS NOT NULL) AS total,
                       count(*) AS ranked
                  FROM hits
            ),
            page AS (SELECT id, score, char_start, char_len FROM hits ORDER BY score DESC, id LIMIT $4 OFFSET $5)
            SELECT counts.total, counts.ranked, found.*
              FROM counts LEFT JOIN (
                SELECT d.doc_id, d.doc_type, d.title, d.status, p.slug, p.name, page.score, page.id,
                       page.char_start, page.char_len,
            """ + SNIPPET_OF_PAGE + """
                ) found ON true
             ORDER BY found.score DESC, found.id
            """);
    }

    /**
     * {@link #tiered} for any query: the hits are counted from the index and the narrow rows alone (no vector is
     * read), and the tier's hits are ranked on their tier vectors.
     */
    static final String TIERED = tiered("""
                SELECT count(*) AS n FROM document_search s, query
                 WHERE s.whole AND s.search_vector @@ query.q
            """ + FILTERS, """
                SELECT s.document_id AS id, ts_rank(s.tier_vector, query.any_atom) AS score
                  FROM document_search s, query
                 WHERE s.whole AND s.tier_vector @@ query.any_atom AND (SELECT n FROM whole_hits) > $9
            """ + FILTERS + """
                 ORDER BY 2 DESC, s.document_id
                 LIMIT $9
            """);

    /**
     * {@link #tiered} for a query of one plain lexeme ({@code $13}, {@link QueryShape#countedLexeme}): the hits are
     * the sum of its kept counts, and its best tier hits are read in rank order from the kept tier scores (migration
     * V14): a few index rows, whatever the number of hits.
     */
    static final String TIERED_COUNTED = tiered("""
                SELECT coalesce(sum(s.documents), 0) AS n
                  FROM (SELECT project_id, doc_type, documents FROM search_term_count WHERE lexeme = $13
                        UNION ALL
                        SELECT project_id, doc_type, documents FROM search_term_delta WHERE lexeme = $13) s
                 WHERE true
            """ + FILTERS, """
                SELECT s.document_id AS id, s.score
                  FROM search_term_top s
                 WHERE s.lexeme = $13 AND (SELECT n FROM whole_hits) > $9
            """ + FILTERS + """
                 ORDER BY s.score DESC, s.document_id
                 LIMIT $9
            """);

    private static final String PAGE_ALL = KeptStatements.keep(HITS.formatted(CANDIDATES_ALL) + PAGE);

    private final Map<String, QueryShape> shapes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryShape> eldest) {
            return size() > SHAPE_CACHE_SIZE;
        }
    };

    private final Pool pool;
    private final Counter wholeSnippets;

    public SearchRepository(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.wholeSnippets = Counter.builder("sdlc.lens.search.snippets.whole")
                .description("Search hits whose snippet was highlighted from the whole source: its prefix did not"
                        + " decide it")
                .register(registry);
    }

    /** A hit as stored; the snippet source is the highlighted body (or best chunk), marks and stand-ins raw. */
    public record Hit(
            String docId,
            String type,
            String title,
            String status,
            String projectSlug,
            String projectName,
            String rawSnippet,
            double score) {

        Hit withRawSnippet(String snippet) {
            return new Hit(docId, type, title, status, projectSlug, projectName, snippet, score);
        }
    }

    /** A row of a page: its hit, and where its snippet came from, should the prefix not decide it. */
    private record Found(
            Hit hit, long id, Integer charStart, Integer charLen, boolean snippetCut, Integer sourceMatches) {

        boolean needsWholeSource() {
            return snippetCut && !Snippets.decidedByPrefix(hit.rawSnippet(), sourceMatches);
        }
    }

    public record Result(List<Hit> hits, long total) {}

    public Uni<Result> search(SearchQuery query) {
        return shape(query.text()).flatMap(shape -> page(query, shape));
    }

    private Uni<QueryShape> shape(String text) {
        synchronized (shapes) {
            QueryShape kept = shapes.get(text);
            if (kept != null) {
                return Uni.createFrom().item(kept);
            }
        }
        return pool.preparedQuery(SHAPE).execute(Tuple.of(text)).map(rows -> {
            QueryShape shape = QueryShape.parse(rows.iterator().next().getString(0));
            synchronized (shapes) {
                shapes.put(text, shape);
            }
            return shape;
        });
    }

    private static boolean byAtom(QueryShape shape) {
        return shape.anyAtom() != null || shape.atoms().isEmpty();
    }

    private static String[] lexemes(QueryShape shape) {
        return shape.lexemes() == null ? null : shape.lexemes().toArray(String[]::new);
    }

    private static Tuple params(SearchQuery query, QueryShape shape, int limit, long offset) {
        return Tuple.of(query.text(), query.project(), query.type())
                .addInteger(limit)
                .addLong(offset)
                .addString(shape.anyAtom())
                .addArrayOfString(shape.atoms().toArray(String[]::new))
                .addString(shape.structure());
    }

    /** {@link #PAGE_BY_ATOM} and {@link #PAGE_ALL}: the shared parameters, then {@code $9} and {@code $10}. */
    private static Tuple fullPageParams(SearchQuery query, QueryShape shape, int limit, long offset) {
        return params(query, shape, limit, offset).addString(shape.rankQuery()).addArrayOfString(lexemes(shape));
    }

    private Uni<Result> page(SearchQuery query, QueryShape shape) {
        if (shape.anyAtom() == null) {
            return fullPage(query, shape);
        }
        long end = query.offset() + query.perPage();
        int candidates = (int) Math.min(Integer.MAX_VALUE, CANDIDATES * (end / CANDIDATES + 1));
        Tuple tuple = params(query, shape, query.perPage(), query.offset())
                .addInteger(candidates)
                .addString(shape.rankQuery())
                .addBoolean(shape.oneWord())
                .addArrayOfString(lexemes(shape));
        String counted = shape.countedLexeme();
        return pool.preparedQuery(counted == null ? TIERED : TIERED_COUNTED)
                .execute(counted == null ? tuple : tuple.addString(counted))
                .flatMap(rows -> {
                    Row first = rows.iterator().next();
                    long total = first.getLong("total");
                    long ranked = first.getLong("ranked");
                    if (ranked < total && ranked < end) {
                        // the tier holds too few hits for this page: rank them all
                        return fullPage(query, shape);
                    }
                    List<Found> found = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getString("doc_id") != null) {
                            found.add(found(row));
                        }
                    }
                    return withSnippets(query.text(), found).map(hits -> new Result(hits, total));
                });
    }

    private static Found found(Row row) {
        Hit hit = new Hit(
                row.getString("doc_id"),
                row.getString("doc_type"),
                row.getString("title"),
                row.getString("status"),
                row.getString("slug"),
                row.getString("name"),
                row.getString("snippet"),
                row.getDouble("score"));
        return new Found(
                hit,
                row.getLong("id"),
                row.getInteger("char_start"),
                row.getInteger("char_len"),
                row.getBoolean("snippet_cut"),
                row.getInteger("source_matches"));
    }

    /** The page's hits, those whose snippet its source's prefix did not decide highlighted from the whole source. */
    private Uni<List<Hit>> withSnippets(String text, List<Found> found) {
        List<Found> open = found.stream().filter(Found::needsWholeSource).toList();
        if (open.isEmpty()) {
            return Uni.createFrom().item(found.stream().map(Found::hit).toList());
        }
        wholeSnippets.increment(open.size());
        Tuple params = Tuple.of(text)
                .addArrayOfLong(open.stream().map(Found::id).toArray(Long[]::new))
                .addArrayOfInteger(open.stream().map(Found::charStart).toArray(Integer[]::new))
                .addArrayOfInteger(open.stream().map(Found::charLen).toArray(Integer[]::new));
        return pool.preparedQuery(WHOLE_SNIPPETS).execute(params).map(rows -> {
            Map<Long, String> whole = new HashMap<>();
            for (Row row : rows) {
                whole.put(row.getLong("id"), row.getString("snippet"));
            }
            List<Hit> hits = new ArrayList<>();
            for (Found each : found) {
                String snippet = whole.get(each.id());
                hits.add(snippet == null ? each.hit() : each.hit().withRawSnippet(snippet));
            }
            return hits;
        });
    }

    /** Every hit ranked exactly on its full vector: the exact rank, which costs one vector read per hit. */
    private Uni<Result> fullPage(SearchQuery query, QueryShape shape) {
        return pool.preparedQuery(byAtom(shape) ? PAGE_BY_ATOM : PAGE_ALL)
                .execute(fullPageParams(query, shape, query.perPage(), query.offset()))
                .flatMap(rows -> {
                    List<Found> found = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        total = row.getLong("total");
                        found.add(found(row));
                    }
                    if (!found.isEmpty() || query.page() == 1) {
                        long pageTotal = total;
                        return withSnippets(query.text(), found).map(hits -> new Result(hits, pageTotal));
                    }
                    // A page past the end has no row to carry the total: the first hit carries it.
                    return pool.preparedQuery(byAtom(shape) ? PAGE_BY_ATOM : PAGE_ALL)
                            .execute(fullPageParams(query, shape, 1, 0))
                            .map(first -> new Result(
                                    List.of(),
                                    first.size() == 0
                                            ? 0
                                            : first.iterator().next().getLong("total")));
                });
    }
}
