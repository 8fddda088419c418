package io.sdlclens.project;

import static io.sdlclens.system.SqlRows.instant;

import io.sdlclens.sync.SyncRunView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Projects as the API shows them, each read in one statement with its last run: the run named by the project's
 * {@code run_id}, which is always its newest, since every run starts by winning the project's lease and that
 * stamps its id there. These are the most frequent reads of the service (a client polls a project while it
 * syncs), so they go straight to the reactive pool as prepared statements, without an ORM session.
 */
@ApplicationScoped
public class ProjectViewRepository {

    private static final String SELECT = """
            SELECT p.slug, p.name, p.source_type, p.sdlc_path, p.repo_url, p.repo_branch, p.repo_path,
                   p.connection_id, p.masked_token, p.auto_sync, p.last_synced_commit_sha, p.schema_version, p.profile, p.sync_status,
                   p.sync_error, p.last_synced_at, p.document_count, p.created_at, p.updated_at,
                   r.run_id, r.status, r.started_at, r.finished_at, r.heartbeat_at,
                   r.added, r.updated, r.skipped, r.deleted, r.errors, r.completed, r.error, r.warnings
              FROM project p
              LEFT JOIN sync_run r ON r.run_id = p.run_id
            """;

    private static final String BY_SLUG = SELECT + " WHERE p.slug = $1";
    private static final String OLDEST_FIRST = SELECT + " ORDER BY p.created_at, p.id";

    private final Pool pool;

    public ProjectViewRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return the project, or null when there is none with this slug */
    public Uni<ProjectView> bySlug(String slug) {
        return pool.preparedQuery(BY_SLUG).execute(Tuple.of(slug)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? view(it.next()) : null;
        });
    }

    public Uni<List<ProjectView>> oldestFirst() {
        return pool.query(OLDEST_FIRST).execute().map(ProjectViewRepository::views);
    }

    private static List<ProjectView> views(RowSet<Row> rows) {
        List<ProjectView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            views.add(view(row));
        }
        return views;
    }

    private static ProjectView view(Row row) {
        SyncRunView lastSync = row.getUUID("run_id") == null
                ? null
                : new SyncRunView(
                        row.getUUID("run_id"),
                        SyncStatus.fromWireName(row.getString("status")),
                        instant(row, "started_at"),
                        instant(row, "finished_at"),
                        instant(row, "heartbeat_at"),
                        row.getInteger("added"),
                        row.getInteger("updated"),
                        row.getInteger("skipped"),
                        row.getInteger("deleted"),
                        row.getInteger("errors"),
                        row.getBoolean("completed"),
                        row.getString("error"),
                        Arrays.asList(row.getArrayOfStrings("warnings")),
                        null);
        return new ProjectView(
                row.getString("slug"),
                row.getString("name"),
                row.getString("source_type"),
                row.getString("sdlc_path"),
                row.getString("repo_url"),
                row.getString("repo_branch"),
                row.getString("repo_path"),
                row.getLong("connection_id"),
                row.getString("masked_token"),
                row.getBoolean("auto_sync"),
                row.getString("last_synced_commit_sha"),
                row.getString("schema_version"),
                row.getString("profile"),
                SyncStatus.fromWireName(row.getString("sync_status")),
                row.getString("sync_error"),
                instant(row, "last_synced_at"),
                row.getLong("document_count"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                lastSync);
    }
}
