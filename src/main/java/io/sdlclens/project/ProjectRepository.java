package io.sdlclens.project;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ProjectRepository implements PanacheRepositoryBase<Project, Long> {

    /**
     * The sync lease's compare-and-set. One statement, so that of any number of concurrent triggers — on any
     * number of replicas — exactly one sees its row updated: Postgres re-evaluates the WHERE clause of a waiting
     * UPDATE against the row the winner committed. It wins when the project is not syncing, or when the holder's
     * heartbeat is older than the stale timeout (the holder died). Times come from the database clock so that
     * replicas with skewed clocks agree.
     */
    private static final String ACQUIRE_SYNC_LEASE = """
            UPDATE project
               SET sync_status = 'syncing',
                   sync_error = NULL,
                   run_id = :runId,
                   sync_started_at = clock_timestamp(),
                   heartbeat_at = clock_timestamp()
             WHERE slug = :slug
               AND (sync_status <> 'syncing'
                    OR heartbeat_at < clock_timestamp() - make_interval(secs => :staleSeconds))
            """;

    /**
     * True when the project is visibly held by a live lease. Losers of a trigger burst answer from this plain
     * read instead of queueing on the row lock behind the winner and its batches.
     */
    private static final String HELD_BY_LIVE_LEASE = """
            SELECT count(*) FROM project
             WHERE slug = :slug AND sync_status = 'syncing'
               AND heartbeat_at >= clock_timestamp() - make_interval(secs => :staleSeconds)
            """;

    /** A trigger waits at most this long for the project row; a holder keeping it longer is busy syncing. */
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";

    public Uni<Project> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** @return true when this call took the lease for {@code runId}. */
    public Uni<Boolean> tryAcquireSyncLease(String slug, UUID runId, Duration staleAfter) {
        double staleSeconds = staleAfter.toMillis() / 1000.0;
        return getSession()
                .flatMap(session -> session.createNativeQuery(HELD_BY_LIVE_LEASE, Long.class)
                        .setParameter("slug", slug)
                        .setParameter("staleSeconds", staleSeconds)
                        .getSingleResult()
                        .flatMap(held -> held > 0
                                ? Uni.createFrom().item(false)
                                : session.createNativeQuery(LOCK_TIMEOUT)
                                        .executeUpdate()
                                        .flatMap(ignored -> session.createNativeQuery(ACQUIRE_SYNC_LEASE)
                                                .setParameter("slug", slug)
                                                .setParameter("runId", runId)
                                                .setParameter("staleSeconds", staleSeconds)
                                                .executeUpdate())
                                        .map(updated -> updated == 1)));
    }
}
