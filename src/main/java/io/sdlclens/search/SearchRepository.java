package io.sdlclens.search;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over the stored search vectors ({@code document_search}, kept by triggers of migration V4).
 * The query text goes to {@code websearch_to_tsquery}, which accepts any input (quotes, {@code or},
 * {@code -word}, operators and SQL are all just text to it), so no query can fail. Snippets are computed for the
 * returned page only.
 */
@ApplicationScoped
public class SearchRepository {

    /** Marks the highlighter puts around matches; control characters, stripped from the text beforehand. */
    static final char MARK_START = '\u0002';

    static final char MARK_END = '\u0003';

    /**
     * Stand-ins for {@code <} and {@code >}: the highlighter drops anything that looks like an HTML tag, and a
     * snippet must show the document's text as written (escaped), not a silently cleaned version of it.
     */
    static final char LESS_THAN = '\u0004';

    static final char GREATER_THAN = '\u0005';

    /** Only this much of a body is scanned for a snippet: highlighting a 5 MB document would cost too much. */
    static final int SNIPPET_SOURCE_CHARS = 20_000;

    private static final String HITS = """
            WITH query AS (SELECT websearch_to_tsquery('english', $1) AS q),
            hits AS (
                SELECT s.document_id AS id, ts_rank(s.search_vector, query.q) AS score
                  FROM document_search s, query
                 WHERE s.search_vector @@ query.q
                   AND ($2::text IS NULL OR s.project_id = (SELECT id FROM project WHERE slug = $2))
                   AND ($3::text IS NULL OR s.doc_type = $3)
            )
            """;

    private static final String PAGE = HITS + """
            , page AS (SELECT id, score FROM hits ORDER BY score DESC, id LIMIT $4 OFFSET $5)
            SELECT (SELECT count(*) FROM hits) AS total,
                   d.doc_id, d.doc_type, d.title, d.status, p.slug, p.name, page.score,
                   ts_headline('english',
                               translate(left(d.content, %d), E'<>\\x02\\x03\\x04\\x05', E'\\x04\\x05'),
                               query.q,
                               'StartSel="\u0002", StopSel="\u0003", MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')
                       AS snippet
              FROM query, page
              JOIN document d ON d.id = page.id
              JOIN project p ON p.id = d.project_id
             ORDER BY page.score DESC, page.id
            """.formatted(SNIPPET_SOURCE_CHARS);

    private static final String COUNT = HITS + "SELECT count(*) FROM hits";

    private final Pool pool;

    public SearchRepository(Pool pool) {
        this.pool = pool;
    }

    /** A hit as stored; the snippet still carries the raw marks. */
    public record Hit(
            String docId,
            String type,
            String title,
            String status,
            String projectSlug,
            String projectName,
            String rawSnippet,
            double score) {}

    public record Result(List<Hit> hits, long total) {}

    public Uni<Result> search(SearchQuery query) {
        Tuple params = Tuple.of(query.text(), query.project(), query.type())
                .addInteger(query.perPage())
                .addLong(query.offset());
        return pool.preparedQuery(PAGE).execute(params).flatMap(rows -> {
            List<Hit> hits = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                total = row.getLong("total");
                hits.add(new Hit(
                        row.getString("doc_id"),
                        row.getString("doc_type"),
                        row.getString("title"),
                        row.getString("status"),
                        row.getString("slug"),
                        row.getString("name"),
                        row.getString("snippet"),
                        row.getDouble("score")));
            }
            if (!hits.isEmpty() || query.page() == 1) {
                return Uni.createFrom().item(new Result(hits, total));
            }
            // A page past the end has no row to carry the total: count on its own.
            return pool.preparedQuery(COUNT)
                    .execute(Tuple.of(query.text(), query.project(), query.type()))
                    .map(counted ->
                            new Result(List.of(), counted.iterator().next().getLong(0)));
        });
    }
}
