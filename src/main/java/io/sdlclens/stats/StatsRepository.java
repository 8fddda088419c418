package io.sdlclens.stats;

import static io.sdlclens.system.SqlRows.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Two queries whatever the number of projects: the projects, and their documents counted by type and status. */
@ApplicationScoped
public class StatsRepository {

    private static final String PROJECTS =
            "SELECT id, slug, name, last_synced_at FROM project WHERE $1::text IS NULL OR slug = $1 ORDER BY created_at, id";

    private static final String COUNTS = """
            SELECT d.project_id, d.doc_type, d.status, count(*) AS documents
              FROM document d
             WHERE $1::text IS NULL OR d.project_id = (SELECT id FROM project WHERE slug = $1)
             GROUP BY d.project_id, d.doc_type, d.status
            """;

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    public record ProjectRow(long id, String slug, String name, Instant lastSyncedAt) {}

    public record CountRow(long projectId, String type, String status, long documents) {}

    /** All projects (oldest first), or the one with {@code slug} when it is not null. */
    public Uni<List<ProjectRow>> projects(String slug) {
        return pool.preparedQuery(PROJECTS).execute(Tuple.of(slug)).map(rows -> {
            List<ProjectRow> projects = new ArrayList<>();
            for (Row row : rows) {
                projects.add(new ProjectRow(
                        row.getLong("id"),
                        row.getString("slug"),
                        row.getString("name"),
                        instant(row, "last_synced_at")));
            }
            return projects;
        });
    }

    public Uni<List<CountRow>> counts(String slug) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(slug)).map(rows -> {
            List<CountRow> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new CountRow(
                        row.getLong("project_id"),
                        row.getString("doc_type"),
                        row.getString("status"),
                        row.getLong("documents")));
            }
            return counts;
        });
    }
}
