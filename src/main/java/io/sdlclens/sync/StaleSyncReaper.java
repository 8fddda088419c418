package io.sdlclens.sync;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs on every replica, with no leader: marks projects whose lease went stale (holder killed or partitioned) as
 * interrupted, so a dead sync never shows as running. The statement is idempotent, so replicas racing each other
 * is harmless.
 */
@ApplicationScoped
public class StaleSyncReaper {

    private static final Logger LOG = Logger.getLogger(StaleSyncReaper.class);

    private final SyncLease lease;
    private final SyncConfig config;

    public StaleSyncReaper(SyncLease lease, SyncConfig config) {
        this.lease = lease;
        this.config = config;
    }

    @Scheduled(
            identity = "stale-sync-reaper",
            every = "${sdlc-lens.sync.reaper-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reap() {
        return lease.reapStale(config.staleAfter())
                .invoke(reaped -> {
                    if (reaped > 0) {
                        LOG.warnf("Marked %d sync run(s) as interrupted: their lease went stale", reaped);
                    }
                })
                .onFailure()
                .invoke(failure -> LOG.debugf("Stale sync reaper skipped a round: %s", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
