package io.sdlclens.sync;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
@WithSession
public class SyncRunRepository implements PanacheRepositoryBase<SyncRun, UUID> {

    /** Records the run that just won the lease, copying its start and heartbeat from the project row. */
    private static final String INSERT_FOR_LEASE = """
            INSERT INTO sync_run (run_id, project_id, status, started_at, heartbeat_at)
            SELECT run_id, id, 'syncing', sync_started_at, heartbeat_at
              FROM project
             WHERE slug = :slug AND run_id = :runId
            """;

    /** A run whose lease was just taken over is over: it can no longer write, so it must not look live. */
    private static final String CLOSE_TAKEN_OVER = """
            UPDATE sync_run r
               SET status = 'error',
                   finished_at = clock_timestamp(),
                   error = sync_interrupted_message(r.heartbeat_at)
              FROM project p
             WHERE p.slug = :slug AND r.project_id = p.id
               AND r.status = 'syncing' AND r.run_id <> :runId
            """;

    private static final String ERRORS_OF_RUNS = """
            SELECT run_id, file_path, reason
              FROM sync_run_error
             WHERE run_id IN (:runIds)
             ORDER BY run_id, position
            """;

    public Uni<Void> recordNewRun(String slug, UUID runId) {
        return getSession()
                .flatMap(session -> session.createNativeQuery(CLOSE_TAKEN_OVER)
                        .setParameter("slug", slug)
                        .setParameter("runId", runId)
                        .executeUpdate()
                        .flatMap(closed -> session.createNativeQuery(INSERT_FOR_LEASE)
                                .setParameter("slug", slug)
                                .setParameter("runId", runId)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<List<SyncRun>> newestFirst(long projectId, int limit) {
        return find("projectId = ?1 order by startedAt desc, runId desc", projectId)
                .page(0, limit)
                .list();
    }

    public Uni<SyncRun> findInProject(long projectId, UUID runId) {
        return find("projectId = ?1 and runId = ?2", projectId, runId).firstResult();
    }

    /** The recorded file errors of the given runs, by run id, in the order the run met them. */
    public Uni<Map<UUID, List<FileError>>> fileErrors(Collection<UUID> runIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .flatMap(session -> session.createNativeQuery(ERRORS_OF_RUNS, Object[].class)
                        .setParameter("runIds", runIds)
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(Collectors.groupingBy(
                                row -> (UUID) row[0],
                                Collectors.mapping(
                                        row -> new FileError((String) row[1], (String) row[2]), Collectors.toList()))));
    }
}
