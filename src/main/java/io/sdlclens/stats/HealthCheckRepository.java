package io.sdlclens.stats;

import static io.sdlclens.system.SqlRows.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a project's documents as the health rules see them: every field but the body, whose trimmed length (stored
 * when the document is written) suffices.
 */
@ApplicationScoped
public class HealthCheckRepository {

    private static final String DOCUMENTS = """
            SELECT doc_id, doc_type, title, status, owner, priority, story_points, epic, story, ref_id, aliases,
                   file_path, content_length, modified_at
              FROM document
             WHERE project_id = $1
             ORDER BY file_path
            """;

    private final Pool pool;

    public HealthCheckRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<HealthDocument>> documents(long projectId) {
        return pool.preparedQuery(DOCUMENTS).execute(Tuple.of(projectId)).map(rows -> {
            List<HealthDocument> documents = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                documents.add(new HealthDocument(
                        row.getString("doc_id"),
                        row.getString("doc_type"),
                        row.getString("title"),
                        row.getString("status"),
                        row.getString("owner"),
                        row.getString("priority"),
                        row.getInteger("story_points"),
                        row.getString("epic"),
                        row.getString("story"),
                        row.getString("ref_id"),
                        Arrays.asList(row.getArrayOfStrings("aliases")),
                        row.getString("file_path"),
                        row.getInteger("content_length"),
                        instant(row, "modified_at")));
            }
            return documents;
        });
    }
}
