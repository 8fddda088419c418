package io.sdlclens.sync;

import io.sdlclens.project.ProjectViewCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * The SQL of a held lease: heartbeat, progress, finish and the reaper. Every statement is fenced by the run's
 * {@code run_id} on a project that is still {@code syncing}, so a run that lost its lease (taken over, reaped,
 * project deleted) changes nothing. Runs on the reactive pool directly: a run's writes never share a Hibernate
 * session with request handling.
 */
@ApplicationScoped
public class SyncLease {

    /** Matches the project only while this run holds it. */
    static final String FENCE = "id = $1 AND run_id = $2 AND sync_status = 'syncing'";

    static final String RENEW = """
            WITH held AS (
                -- batches do not touch the project row (see LOCK), so the heartbeat keeps its count live; it
                -- changes no key column, so it never waits for the batches
                UPDATE project SET heartbeat_at = clock_timestamp(),
                                   document_count = (SELECT count(*) FROM document WHERE project_id = $1)
                 WHERE %s
             RETURNING run_id, heartbeat_at)
            UPDATE sync_run r SET heartbeat_at = held.heartbeat_at
              FROM held
             WHERE r.run_id = held.run_id
            """.formatted(FENCE);

    // The weakest row lock: the batches of one run hold it together, and so do the heartbeat and other updates of
    // non-lease columns. Any change of run_id or sync_status (key columns since V13: a takeover, the reaper, the
    // finish) takes FOR UPDATE, so it waits for every batch in flight and, once committed, fails the fence of
    // every batch that comes after.
    static final String LOCK = "SELECT 1 FROM project WHERE %s FOR KEY SHARE".formatted(FENCE);

    private static final String PROGRESS = """
            UPDATE sync_run SET added = added + $3, updated = updated + $4, skipped = greatest(skipped, $5),
                                deleted = deleted + $6, errors = greatest(errors, $7)
             WHERE run_id = $2 AND EXISTS (SELECT 1 FROM project WHERE %s)
            """.formatted(FENCE);

    private static final String TOTAL = """
            UPDATE sync_run SET total = $3
             WHERE run_id = $2 AND EXISTS (SELECT 1 FROM project WHERE %s)
            """.formatted(FENCE);

    private static final String RECORD_FILE_ERRORS = """
            INSERT INTO sync_run_error (run_id, position, file_path, reason)
            SELECT $2, e.position, e.file_path, e.reason
              FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS e(file_path, reason, position)
             WHERE EXISTS (SELECT 1 FROM project WHERE %s)
            """.formatted(FENCE);

    /**
     * The final write. {@code prior} locks the held row first and reads {@code sync_requested} as last committed
     * (a waiting lock re-reads the newest row version), so a request committed at any moment before this statement
     * is seen here and cleared in the same statement: none is lost, none is answered twice. {@code $15} false (at
     * shutdown) leaves the request standing for whichever run ends next.
     */
    private static final String FINISH = """
            WITH prior AS (
                SELECT id, sync_requested FROM project WHERE %s FOR UPDATE),
            held AS (
                UPDATE project p
                   SET sync_status = $3,
                       sync_requested = CASE WHEN $15 THEN false ELSE p.sync_requested END,
                       sync_error = $4,
                       last_synced_at = CASE WHEN $5 THEN clock_timestamp() ELSE last_synced_at END,
                       heartbeat_at = clock_timestamp(),
                       -- a run that read the source's config stores what it says; others leave it as it was
                       schema_version = CASE WHEN $11 THEN $12 ELSE schema_version END,
                       profile = CASE WHEN $11 THEN $13 ELSE profile END,
                       -- the commit a completed run read (null for a folder); others leave it as it was
                       last_synced_commit_sha = CASE WHEN $5 THEN $16 ELSE last_synced_commit_sha END,
                       -- batches keep the count live; recounting at the end keeps it exact whatever happened
                       document_count = (SELECT count(*) FROM document WHERE project_id = $1)
                  FROM prior
                 WHERE p.id = prior.id
             RETURNING p.run_id, p.heartbeat_at, ($15 AND prior.sync_requested) AS follow_up)
            UPDATE sync_run r
               SET status = $3, error = $4, completed = $5, finished_at = held.heartbeat_at,
                   heartbeat_at = held.heartbeat_at,
                   added = coalesce($6, r.added), updated = coalesce($7, r.updated),
                   skipped = coalesce($8, r.skipped), deleted = coalesce($9, r.deleted),
                   errors = coalesce($10, r.errors),
                   warnings = $14::text[]
              FROM held
             WHERE r.run_id = held.run_id
            RETURNING held.follow_up
            """.formatted(FENCE);

    private static final String REAP_STALE = """
            WITH reaped AS (
                UPDATE project
                   SET sync_status = 'error', sync_error = sync_interrupted_message(heartbeat_at),
                       -- the dead run's batches that committed are kept: count them
                       document_count = (SELECT count(*) FROM document d WHERE d.project_id = project.id)
                 WHERE sync_status = 'syncing'
                   AND heartbeat_at < clock_timestamp() - make_interval(secs => $1)
             RETURNING run_id, sync_error)
            UPDATE sync_run r
               SET status = 'error', error = reaped.sync_error, finished_at = clock_timestamp()
              FROM reaped
             WHERE r.run_id = reaped.run_id AND r.status = 'syncing'
            """;

    private final Pool pool;
    private final ProjectViewCache projectViews;

    public SyncLease(Pool pool, ProjectViewCache projectViews) {
        this.projectViews = projectViews;
        this.pool = pool;
    }

    /** Whether the project still exists: a run that lost its lease may simply have outlived its project. */
    public Uni<Boolean> projectExists(long projectId) {
        return pool.preparedQuery("SELECT 1 FROM project WHERE id = $1")
                .execute(Tuple.of(projectId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** @return false when the lease is no longer this run's. */
    public Uni<Boolean> renew(long projectId, UUID runId) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(projectId, runId)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Opens a fenced batch: key-share-locks the project row while this run still holds the lease, so no
     * takeover can commit until the batch has. Fails with {@link SyncJob.Stopped} when the lease is gone.
     */
    public Uni<Void> lock(SqlClient tx, long projectId, UUID runId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(projectId, runId)).map(rows -> {
            if (rows.rowCount() != 1) {
                throw new SyncJob.Stopped("lease lost");
            }
            return null;
        });
    }

    /**
     * Publishes a batch's counts in its own transaction, so the run's progress is visible while it works and
     * stays exact and monotonic however many batches commit at once: {@code added}, {@code updated} and
     * {@code deleted} are this batch's (added to the run's), {@code skipped} and {@code errors} the run's so far.
     */
    public Uni<Boolean> progress(SqlClient client, long projectId, UUID runId, SyncCounts counts) {
        return client.preparedQuery(PROGRESS)
                .execute(Tuple.from(new Object[] {
                    projectId,
                    runId,
                    counts.added(),
                    counts.updated(),
                    counts.skipped(),
                    counts.deleted(),
                    counts.errors()
                }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Records how many files the run listed, so progress can be shown as a share of it. */
    public Uni<Boolean> total(SqlClient client, long projectId, UUID runId, int total) {
        return client.preparedQuery(TOTAL)
                .execute(Tuple.of(projectId, runId, total))
                .map(rows -> rows.rowCount() == 1);
    }

    /** How a final write went: whether it was this run's to make, and whether one more run was requested. */
    public record Ended(boolean written, boolean followUp) {}

    /**
     * Ends the run in one transaction: its file errors, the project's status and the run record; clears a
     * pending "sync requested" and reports it, so the caller starts the one follow-up run.
     *
     * @param answerRequest false to leave a pending request standing (this replica is shutting down)
     */
    public Uni<Ended> finish(long projectId, UUID runId, SyncOutcome outcome, boolean answerRequest) {
        SyncCounts counts = outcome.counts();
        SyncOutcome.ProjectSettings settings = outcome.settings();
        return pool.withTransaction(tx -> recordFileErrors(tx, projectId, runId, outcome)
                        .flatMap(ignored -> tx.preparedQuery(FINISH).execute(Tuple.from(new Object[] {
                            projectId,
                            runId,
                            outcome.status().wireName(),
                            outcome.error(),
                            outcome.completed(),
                            counts == null ? null : counts.added(),
                            counts == null ? null : counts.updated(),
                            counts == null ? null : counts.skipped(),
                            counts == null ? null : counts.deleted(),
                            counts == null ? null : counts.errors(),
                            settings != null,
                            settings == null ? null : settings.schemaVersion(),
                            settings == null ? null : settings.profile(),
                            outcome.warnings().toArray(String[]::new),
                            answerRequest,
                            outcome.revision()
                        })))
                        .map(rows -> rows.rowCount() == 1
                                ? new Ended(true, rows.iterator().next().getBoolean("follow_up"))
                                : new Ended(false, false)))
                // committed: a client polling this replica sees the end at once
                .invoke(projectViews::invalidate);
    }

    /** Marks every project whose lease went stale as interrupted. Idempotent; safe on every replica at once. */
    public Uni<Integer> reapStale(Duration staleAfter) {
        return pool.preparedQuery(REAP_STALE)
                .execute(Tuple.of(staleAfter.toMillis() / 1000.0))
                .map(rows -> rows.rowCount())
                .invoke(reaped -> {
                    if (reaped > 0) {
                        projectViews.invalidate();
                    }
                });
    }

    private static Uni<Void> recordFileErrors(SqlClient tx, long projectId, UUID runId, SyncOutcome outcome) {
        if (outcome.fileErrors().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] paths = outcome.fileErrors().stream().map(FileError::filePath).toArray(String[]::new);
        String[] reasons = outcome.fileErrors().stream().map(FileError::reason).toArray(String[]::new);
        return tx.preparedQuery(RECORD_FILE_ERRORS)
                .execute(Tuple.of(projectId, runId, paths, reasons))
                .replaceWithVoid();
    }
}
