package io.sdlclens.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A run's progress, read once per change for every stream of this replica. */
@ApplicationScoped
public class SyncProgressRepository {

    private static final String BY_RUN = """
            SELECT p.slug, r.run_id, r.added, r.updated, r.skipped, r.deleted, r.errors, r.total, r.completed
              FROM sync_run r
              JOIN project p ON p.id = r.project_id
             WHERE r.run_id = $1
            """;

    private final Pool pool;

    public SyncProgressRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return the run's progress, or null when the run (or its project) is gone */
    public Uni<SyncProgress> byRun(UUID runId) {
        return pool.preparedQuery(BY_RUN).execute(Tuple.of(runId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new SyncProgress(
                    row.getString("slug"),
                    row.getUUID("run_id"),
                    row.getInteger("added"),
                    row.getInteger("updated"),
                    row.getInteger("skipped"),
                    row.getInteger("deleted"),
                    row.getInteger("errors"),
                    row.getInteger("total"),
                    row.getBoolean("completed"));
        });
    }
}
