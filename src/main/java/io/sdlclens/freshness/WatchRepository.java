package io.sdlclens.freshness;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The SQL of folder watching: which projects to watch, and which unwatched ones are due a rescan. Raw pool. */
@ApplicationScoped
public class WatchRepository {

    /** A local project with {@code auto_sync}, as the watcher needs it. */
    record WatchedRow(long id, String slug, String sdlcPath) {}

    private static final String WATCHED = """
            SELECT id, slug, sdlc_path FROM project
             WHERE auto_sync AND source_type = 'local' AND sdlc_path IS NOT NULL
            """;

    /**
     * Rescans are due when no sync of the project started recently, whatever started it and on whichever replica:
     * replicas rescanning one project do not pile runs on it, and a watched change or a manual sync counts.
     */
    private static final String RESCAN_DUE = """
            SELECT slug FROM project
             WHERE id = ANY($1) AND auto_sync AND source_type = 'local'
               AND (sync_started_at IS NULL OR sync_started_at < clock_timestamp() - make_interval(secs => $2))
            """;

    private final Pool pool;

    public WatchRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<List<WatchedRow>> watched() {
        return pool.query(WATCHED).execute().map(rows -> {
            List<WatchedRow> watched = new ArrayList<>();
            for (Row row : rows) {
                watched.add(new WatchedRow(row.getLong("id"), row.getString("slug"), row.getString("sdlc_path")));
            }
            return watched;
        });
    }

    /** @return the slugs of those projects that no sync started within {@code recent} */
    Uni<List<String>> rescanDue(Collection<Long> projectIds, Duration recent) {
        return pool.preparedQuery(RESCAN_DUE)
                .execute(Tuple.of(projectIds.toArray(Long[]::new), recent.toMillis() / 1000.0))
                .map(rows -> {
                    List<String> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(row.getString("slug"));
                    }
                    return due;
                });
    }
}
