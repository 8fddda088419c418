package io.sdlclens.freshness;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The SQL of keeping projects current: "sync requested" and the poll claims. Raw pool, one statement each. */
@ApplicationScoped
public class FreshnessRepository {

    /**
     * Marks a live run's project so one more run starts when it ends. Only a project visibly held by a live lease
     * is marked: a stale holder is taken over by a trigger instead, and a finished one is simply triggered.
     */
    private static final String REQUEST_SYNC = """
            UPDATE project SET sync_requested = true
             WHERE slug = $1 AND sync_status = 'syncing'
               AND heartbeat_at >= clock_timestamp() - make_interval(secs => $2)
            """;

    /**
     * Claims due polls. SKIP LOCKED makes concurrent claimers (any replica) take disjoint rows, and a claimer that
     * comes after a commit finds {@code next_poll_at} already pushed into the future: one poller per project per
     * interval. The claim pushes the next poll by the interval with up to 10 % jitter, so a replica that dies
     * mid-poll only delays that project by one interval.
     */
    static final String CLAIM_DUE = """
            UPDATE project p
               SET next_poll_at = clock_timestamp() + make_interval(secs => $1 * (1 + random() * 0.1))
              FROM (SELECT id FROM project
                     WHERE auto_sync AND source_type IN ('git', 'github')
                       AND (next_poll_at IS NULL OR next_poll_at <= clock_timestamp())
                     ORDER BY next_poll_at NULLS FIRST
                     LIMIT $2
                       FOR UPDATE SKIP LOCKED) due
             WHERE p.id = due.id
            RETURNING p.id, p.slug, p.repo_url, p.repo_branch, p.last_synced_commit_sha, p.poll_failures,
                      p.access_token,
                      (SELECT c.token_ciphertext FROM connection c WHERE c.id = p.connection_id) AS connection_token
            """;

    private static final String POLL_SUCCEEDED = "UPDATE project SET poll_failures = 0 WHERE id = $1";

    /**
     * A failed poll: one more failure, the next poll pushed by the back-off, and the reason on {@code sync_error}
     * (not while a run owns that column).
     */
    private static final String POLL_FAILED = """
            UPDATE project
               SET poll_failures = poll_failures + 1,
                   next_poll_at = clock_timestamp() + make_interval(secs => $2),
                   sync_error = CASE WHEN sync_status = 'syncing' THEN sync_error ELSE $3 END
             WHERE id = $1
            RETURNING poll_failures
            """;

    private final Pool pool;

    public FreshnessRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return true when a live run now has a follow-up requested */
    public Uni<Boolean> markRequested(String slug, Duration staleAfter) {
        return pool.preparedQuery(REQUEST_SYNC)
                .execute(Tuple.of(slug, seconds(staleAfter)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<PolledProject>> claimDue(Duration interval, int limit) {
        return pool.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(seconds(interval), limit))
                .map(rows -> {
                    List<PolledProject> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new PolledProject(
                                row.getLong("id"),
                                row.getString("slug"),
                                row.getString("repo_url"),
                                row.getString("repo_branch"),
                                row.getString("last_synced_commit_sha"),
                                row.getInteger("poll_failures"),
                                bytes(row.getBuffer("access_token")),
                                bytes(row.getBuffer("connection_token"))));
                    }
                    return claimed;
                });
    }

    public Uni<Void> pollSucceeded(long projectId) {
        return pool.preparedQuery(POLL_SUCCEEDED).execute(Tuple.of(projectId)).replaceWithVoid();
    }

    /** @return the failures in a row now, or 0 when the project is gone */
    public Uni<Integer> pollFailed(long projectId, Duration wait, String error) {
        return pool.preparedQuery(POLL_FAILED)
                .execute(Tuple.of(projectId, seconds(wait), error))
                .map(rows -> rows.rowCount() == 0 ? 0 : rows.iterator().next().getInteger("poll_failures"));
    }

    private static byte[] bytes(Buffer buffer) {
        return buffer == null ? null : buffer.getBytes();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
