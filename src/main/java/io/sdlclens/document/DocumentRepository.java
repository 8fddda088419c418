package io.sdlclens.document;

import static io.sdlclens.system.SqlRows.instant;

import io.sdlclens.system.KeptStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads of synced documents, as SQL over the reactive pool. */
@ApplicationScoped
public class DocumentRepository {

    static final String SUMMARY_COLUMNS =
            "doc_id, doc_type, title, status, owner, priority, story_points, epic, story, modified_at";

    private static final String PROJECT_ID = "SELECT id FROM project WHERE slug = $1";

    // Of several files with one (type, doc_id), the shortest path wins, then the first by path.
    private static final String DETAIL = """
            SELECT %s, metadata, content, file_path, file_hash, synced_at, ref_id, aliases, depends_on
              FROM document
             WHERE project_id = $1 AND doc_type = $2 AND doc_id = $3
             ORDER BY length(file_path), file_path
             LIMIT 1
            """.formatted(SUMMARY_COLUMNS);

    // A reference (EP0001) names the documents whose id head or aliases carry it; the best match is of the
    // expected type, then by the same shortest-path rule as above.
    private static final String RESOLVE = """
            SELECT doc_id, doc_type, title, status, epic, story
              FROM document
             WHERE project_id = $1 AND (ref_id = $2 OR aliases @> ARRAY[$2])
             ORDER BY (doc_type = $3) DESC, length(file_path), file_path
             LIMIT 1
            """;

    private static final String RELATED_BY_EPIC = """
            SELECT doc_id, doc_type, title, status FROM document
             WHERE project_id = $1 AND epic = ANY($2::text[]) AND story IS NULL
             ORDER BY doc_type, doc_id, file_path
            """;

    private static final String RELATED_BY_STORY = """
            SELECT doc_id, doc_type, title, status FROM document
             WHERE project_id = $1 AND story = ANY($2::text[])
             ORDER BY doc_type, doc_id, file_path
            """;

    private static final String DEPENDENTS = """
            SELECT doc_id, doc_type, title, status FROM document
             WHERE project_id = $1 AND depends_on && $2::text[]
             ORDER BY doc_type, doc_id, file_path
            """;

    private final Pool pool;

    public DocumentRepository(Pool pool) {
        this.pool = pool;
    }

    /** The project's id, or null when there is no such project. */
    public Uni<Long> projectId(String slug) {
        return pool.preparedQuery(PROJECT_ID)
                .execute(Tuple.of(slug))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
    }

    /** A page of a project's documents, and how many documents the request's filters leave. */
    public record Listing(long total, List<DocumentViews.Summary> items) {}

    /**
     * A page of the project's documents and their total, in one statement and one round trip; null when there is
     * no such project. The texts differ by filter and order only (a few dozen), so each is kept prepared (see
     * {@link KeptStatements}) and planned once per connection.
     */
    public Uni<Listing> list(String slug, DocumentQuery query) {
        Tuple params = Tuple.of(slug).addLong((long) query.perPage()).addLong(query.offset());
        if (query.type() != null) {
            params.addString(query.type());
        }
        if (query.status() != null && !DocumentQuery.NO_STATUS.equals(query.status())) {
            params.addString(query.status());
        }
        return pool.preparedQuery(LISTS.computeIfAbsent(ListShape.of(query), ListShape::sql))
                .execute(params)
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    long total = 0;
                    List<DocumentViews.Summary> items = new ArrayList<>();
                    for (Row row : rows) {
                        total = row.getLong("total");
                        if (row.getString("doc_id") != null) {
                            items.add(summary(row));
                        }
                    }
                    return new Listing(total, items);
                });
    }

    /** A document with what its relations need; null when absent. */
    public Uni<StoredDocument> find(long projectId, String type, String docId) {
        return pool.preparedQuery(DETAIL)
                .execute(Tuple.of(projectId, type, docId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    JsonObject metadata = row.getJsonObject("metadata");
                    return new StoredDocument(
                            new DocumentViews.Detail(
                                    row.getString("doc_id"),
                                    row.getString("doc_type"),
                                    row.getString("title"),
                                    row.getString("status"),
                                    row.getString("owner"),
                                    row.getString("priority"),
                                    row.getInteger("story_points"),
                                    row.getString("epic"),
                                    row.getString("story"),
                                    instant(row, "modified_at"),
                                    metadata == null ? null : metadata.getMap(),
                                    row.getString("content"),
                                    row.getString("file_path"),
                                    row.getString("file_hash"),
                                    instant(row, "synced_at")),
                            row.getString("ref_id"),
                            Arrays.asList(row.getArrayOfStrings("aliases")),
                            Arrays.asList(row.getArrayOfStrings("depends_on")));
                });
    }

    /** The document a reference names, preferring {@code expectedType}; null when none does. */
    public Uni<ResolvedReference> resolve(long projectId, String reference, String expectedType) {
        return pool.preparedQuery(RESOLVE)
                .execute(Tuple.of(projectId, reference, expectedType))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ResolvedReference(related(row), row.getString("epic"), row.getString("story"));
                });
    }

    /** Documents whose epic is one of {@code refs} and that name no story: an epic's children. */
    public Uni<List<DocumentViews.Related>> epicChildren(long projectId, List<String> refs) {
        return relatedList(RELATED_BY_EPIC, projectId, refs);
    }

    /** Documents whose story is one of {@code refs}: a story's children. */
    public Uni<List<DocumentViews.Related>> storyChildren(long projectId, List<String> refs) {
        return relatedList(RELATED_BY_STORY, projectId, refs);
    }

    public Uni<List<DocumentViews.Related>> dependents(long projectId, List<String> refs) {
        return relatedList(DEPENDENTS, projectId, refs);
    }

    private Uni<List<DocumentViews.Related>> relatedList(String sql, long projectId, List<String> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(sql)
                .execute(Tuple.of(projectId, refs.toArray(String[]::new)))
                .map(rows -> {
                    List<DocumentViews.Related> related = new ArrayList<>();
                    for (Row row : rows) {
                        related.add(related(row));
                    }
                    return related;
                });
    }

    /** A stored document as its detail and relations need it. */
    public record StoredDocument(
            DocumentViews.Detail detail, String refId, List<String> aliases, List<String> dependsOn) {

        /** Every id other documents may use to point at this one. */
        public List<String> references() {
            List<String> refs = new ArrayList<>();
            if (refId != null) {
                refs.add(refId);
            }
            for (String alias : aliases) {
                if (!refs.contains(alias)) {
                    refs.add(alias);
                }
            }
            return refs;
        }
    }

    public record ResolvedReference(DocumentViews.Related document, String epic, String story) {}

    static DocumentViews.Summary summary(Row row) {
        return new DocumentViews.Summary(
                row.getString("doc_id"),
                row.getString("doc_type"),
                row.getString("title"),
                row.getString("status"),
                row.getString("owner"),
                row.getString("priority"),
                row.getInteger("story_points"),
                row.getString("epic"),
                row.getString("story"),
                instant(row, "modified_at"));
    }

    static DocumentViews.Related related(Row row) {
        return new DocumentViews.Related(
                row.getString("doc_id"), row.getString("doc_type"), row.getString("title"), row.getString("status"));
    }

    private static final Map<ListShape, String> LISTS = new ConcurrentHashMap<>();

    /**
     * What a list statement's text depends on. Parameters: {@code $1} the slug, {@code $2} the page size, {@code $3}
     * the offset, then the type and the status when they filter. Unfiltered, the total is the count the sync keeps on
     * the project row instead of a count of every document.
     */
    private record ListShape(boolean byType, StatusFilter status, String sortColumn, boolean descending) {

        enum StatusFilter {
            ANY,
            NONE,
            EQUALS
        }

        static ListShape of(DocumentQuery query) {
            StatusFilter status = query.status() == null
                    ? StatusFilter.ANY
                    : DocumentQuery.NO_STATUS.equals(query.status()) ? StatusFilter.NONE : StatusFilter.EQUALS;
            return new ListShape(query.type() != null, status, query.sortColumn(), query.descending());
        }

        String sql() {
            StringBuilder where = new StringBuilder();
            int param = 3;
            if (byType) {
                where.append(" AND d.doc_type = $").append(++param);
            }
            if (status == StatusFilter.NONE) {
                where.append(" AND d.status IS NULL");
            } else if (status == StatusFilter.EQUALS) {
                where.append(" AND d.status = $").append(++param);
            }
            // counted once, with the project row (a subquery of the page's rows would count once per row)
            String total = byType || status != StatusFilter.ANY
                    ? "(SELECT count(*) FROM document d WHERE d.project_id = project.id%s)".formatted(where)
                    : "document_count";
            String direction = descending ? "DESC" : "ASC";
            // file_path breaks ties, so pages never overlap or skip rows between requests; it follows the sort's
            // direction so that one index serves both orders.
            return KeptStatements.keep("""
                    SELECT p.total, page.*
                      FROM (SELECT id, %s AS total FROM project WHERE slug = $1 OFFSET 0) p
                      LEFT JOIN LATERAL (
                           SELECT %s FROM document d WHERE d.project_id = p.id%s
                            ORDER BY d.%s %s, d.file_path %s
                            LIMIT $2 OFFSET $3) page ON true
                    """.formatted(total, SUMMARY_COLUMNS, where, sortColumn, direction, direction));
        }
    }
}
