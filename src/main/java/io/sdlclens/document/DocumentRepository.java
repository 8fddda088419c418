package io.sdlclens.document;

import static io.sdlclens.system.SqlRows.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    public Uni<Long> count(long projectId, DocumentQuery query) {
        if (query.type() == null && query.status() == null) {
            // unfiltered: the count the sync keeps on the project row, instead of counting every document
            return pool.preparedQuery("SELECT document_count FROM project WHERE id = $1")
                    .execute(Tuple.of(projectId))
                    .map(rows ->
                            rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
        }
        Filter filter = Filter.of(projectId, query);
        return pool.preparedQuery("SELECT count(*) FROM document WHERE " + filter.where())
                .execute(filter.params())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<DocumentViews.Summary>> page(long projectId, DocumentQuery query) {
        Filter filter = Filter.of(projectId, query);
        String direction = query.descending() ? "DESC" : "ASC";
        // file_path breaks ties, so pages never overlap or skip rows between requests; it follows the sort's
        // direction so that one index serves both orders.
        String sql = "SELECT %s FROM document WHERE %s ORDER BY %s %s, file_path %s LIMIT %d OFFSET %d"
                .formatted(
                        SUMMARY_COLUMNS,
                        filter.where(),
                        query.sortColumn(),
                        direction,
                        direction,
                        query.perPage(),
                        query.offset());
        return pool.preparedQuery(sql).execute(filter.params()).map(rows -> {
            List<DocumentViews.Summary> items = new ArrayList<>();
            for (Row row : rows) {
                items.add(summary(row));
            }
            return items;
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

    /** The WHERE clause of a list request, with its parameters bound positionally. */
    private record Filter(String where, Tuple params) {
        static Filter of(long projectId, DocumentQuery query) {
            StringBuilder where = new StringBuilder("project_id = $1");
            Tuple params = Tuple.tuple().addLong(projectId);
            if (query.type() != null) {
                params.addString(query.type());
                where.append(" AND doc_type = $").append(params.size());
            }
            if (DocumentQuery.NO_STATUS.equals(query.status())) {
                where.append(" AND status IS NULL");
            } else if (query.status() != null) {
                params.addString(query.status());
                where.append(" AND status = $").append(params.size());
            }
            return new Filter(where.toString(), params);
        }
    }
}
