package io.sdlclens.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs on every replica, with no leader: marks projects whose lease went stale (holder killed or partitioned) as
 * interrupted, so a dead sync never shows as running. The statement is idempotent, so replicas racing each other
 * is harmless.
 *
 * <p>A Vert.x periodic timer rather than {@code @Scheduled}: the simple scheduler rounds intervals below one second
 * up (and warns), and the reaper's interval is configured, short in tests. The statement runs on the raw reactive
 * pool, which needs no session or duplicated context.
 */
@ApplicationScoped
public class StaleSyncReaper {

    private static final Logger LOG = Logger.getLogger(StaleSyncReaper.class);

    private final SyncLease lease;
    private final SyncConfig config;
    private final Vertx vertx;
    /** A round still waiting for the database when the next one is due is not doubled. */
    private final AtomicBoolean reaping = new AtomicBoolean();

    private volatile long timer = -1;

    public StaleSyncReaper(SyncLease lease, SyncConfig config, Vertx vertx) {
        this.lease = lease;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        long millis = Math.max(1, config.reaperInterval().toMillis());
        timer = vertx.setPeriodic(millis, id -> reapOnce());
    }

    void stop(@Observes ShutdownEvent event) {
        long id = timer;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
    }

    private void reapOnce() {
        if (!reaping.compareAndSet(false, true)) {
            return;
        }
        reap().subscribe().with(done -> reaping.set(false), failure -> reaping.set(false));
    }

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
