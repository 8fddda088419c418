package io.sdlclens.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.sdlclens.error.DatabaseFailures;
import io.sdlclens.search.SearchTermCounts;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Executes won runs: each on a worker of a bounded pool, in a fresh duplicated Vert.x context (never the
 * triggering request's), with its heartbeat renewed by an independent timer from the moment the lease was won —
 * so a run waiting for a pool slot keeps its lease too. Every path ends with one fenced final write.
 */
@ApplicationScoped
public class SyncRunner {

    public static final String SHUTDOWN_MESSAGE = "interrupted by shutdown";

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final SyncLease lease;
    private final SyncEngine engine;
    private final SyncConfig config;
    private final SyncMetrics metrics;
    private final SearchTermCounts searchTerms;
    private final Event<SyncFollowUp> followUps;
    private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();
    private volatile WorkerExecutor workers;
    private volatile boolean closing;

    public SyncRunner(
            Vertx vertx,
            SyncLease lease,
            SyncEngine engine,
            SyncConfig config,
            SyncMetrics metrics,
            SearchTermCounts searchTerms,
            Event<SyncFollowUp> followUps) {
        this.vertx = vertx;
        this.followUps = followUps;
        this.lease = lease;
        this.engine = engine;
        this.config = config;
        this.metrics = metrics;
        this.searchTerms = searchTerms;
    }

    /**
     * Starts a run whose lease was just won and committed. Returns at once. A run that cannot be started gives its
     * lease back at once, so the project is never left syncing with no run behind it.
     */
    public void launch(SyncJob job) {
        ActiveRun run = new ActiveRun(job);
        active.put(job.runId(), run);
        if (closing) {
            job.stop(SHUTDOWN_MESSAGE);
        }
        try {
            long heartbeatMillis = Math.max(1, config.heartbeatInterval().toMillis());
            run.heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> renew(run));
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            context.runOnContext(ignored -> {
                try {
                    workers().executeBlocking(() -> execute(run), false).onFailure(failure -> abandon(run, failure));
                } catch (RuntimeException e) {
                    abandon(run, e);
                }
            });
        } catch (RuntimeException e) {
            abandon(run, e);
        }
    }

    /** Runs currently held by this process (running or waiting for a slot). */
    public int activeCount() {
        return active.size();
    }

    /**
     * Asks every run of this process to stop, waits up to {@code grace} for them to record their end, then
     * records the end of those that did not.
     */
    public void interruptAll(String reason, Duration grace) {
        List<ActiveRun> runs = List.copyOf(active.values());
        runs.forEach(run -> run.job.stop(reason));
        long deadline = System.nanoTime() + grace.toNanos();
        for (ActiveRun run : runs) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!run.done.await(left, TimeUnit.NANOSECONDS)) {
                    writeEnd(run, SyncOutcome.interrupted(reason));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        closing = true;
        if (!active.isEmpty()) {
            LOG.infof("Shutting down: interrupting %d sync run(s)", active.size());
            interruptAll(SHUTDOWN_MESSAGE, config.shutdownGrace());
        }
    }

    @PreDestroy
    void closeWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    private Void execute(ActiveRun run) {
        SyncJob job = run.job;
        try {
            SyncOutcome outcome;
            try {
                job.checkpoint();
                outcome = engine.run(job);
            } catch (SyncJob.Stopped stopped) {
                outcome = SyncOutcome.interrupted(stopped.getMessage());
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    LOG.warnf("Sync run %s of project %s lost the database: %s", job.runId(), job.slug(), e);
                    outcome = SyncOutcome.interrupted("sync failed: the database could not be reached");
                } else {
                    LOG.errorf(e, "Sync run %s of project %s failed", job.runId(), job.slug());
                    outcome = SyncOutcome.interrupted("sync failed: unexpected error");
                }
            }
            if (outcome.completed()) {
                foldSearchTerms(job);
            }
            writeEnd(run, outcome);
        } finally {
            vertx.cancelTimer(run.heartbeatTimer);
            active.remove(job.runId());
            run.done.countDown();
        }
        return null;
    }

    /**
     * Folds the search-word deltas the run's batches appended, before the run reports its end, so that a finished
     * sync has left its counts compact. Best effort: deltas left unfolded keep every count exact, and the next
     * completed run of the project folds them.
     */
    private void foldSearchTerms(SyncJob job) {
        try {
            searchTerms.fold(job.projectId()).await().atMost(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Sync run %s of project %s could not fold its search-word counts (%s); the next run will",
                    job.runId(),
                    job.slug(),
                    DatabaseFailures.sqlState(e)
                            .map(state -> "SQLSTATE " + state)
                            .orElse(e.getClass().getSimpleName()));
        }
    }

    private void writeEnd(ActiveRun run, SyncOutcome outcome) {
        SyncJob job = run.job;
        try {
            // a replica shutting down leaves a pending request standing rather than start a run it cannot finish
            SyncLease.Ended ended = lease.finish(job.projectId(), job.runId(), outcome, !closing)
                    .await()
                    .atMost(WRITE_TIMEOUT);
            boolean written = ended.written();
            Duration took = Duration.ofNanos(System.nanoTime() - run.startNanos);
            metrics.runEnded(written ? outcome.status().wireName() : "lease_lost", took, outcome.counts());
            if (written) {
                SyncCounts counts = outcome.counts();
                LOG.infof(
                        "Sync run %s of project %s ended %s in %d ms: %s%s",
                        job.runId(),
                        job.slug(),
                        outcome.status().wireName(),
                        took.toMillis(),
                        counts == null
                                ? "counts as last recorded"
                                : "added=%d updated=%d skipped=%d deleted=%d errors=%d"
                                        .formatted(
                                                counts.added(),
                                                counts.updated(),
                                                counts.skipped(),
                                                counts.deleted(),
                                                counts.errors()),
                        outcome.error() == null ? "" : " (" + outcome.error() + ")");
            } else if (!lease.projectExists(job.projectId()).await().atMost(WRITE_TIMEOUT)) {
                // deleting a project while it syncs is allowed: nothing is wrong, and nothing is left to record
                LOG.infof("Sync run %s of project %s stopped: the project was deleted", job.runId(), job.slug());
            } else {
                LOG.warnf(
                        "Sync run %s of project %s lost its lease; its end was not recorded", job.runId(), job.slug());
            }
            if (ended.followUp()) {
                requestFollowUp(job);
            }
        } catch (RuntimeException e) {
            // The lease will go stale and the reaper (on any replica) records the interruption.
            LOG.errorf("Sync run %s of project %s could not record its end: %s", job.runId(), job.slug(), e);
        }
    }

    /** The run never got to execute (or ended without recording it): its end is recorded without waiting. */
    private void abandon(ActiveRun run, Throwable failure) {
        if (run.done.getCount() == 0) {
            return; // it executed, and execute() recorded its end
        }
        SyncJob job = run.job;
        vertx.cancelTimer(run.heartbeatTimer);
        active.remove(job.runId());
        run.done.countDown();
        LOG.errorf("Sync run %s of project %s could not start: %s", job.runId(), job.slug(), failure);
        lease.finish(
                        job.projectId(),
                        job.runId(),
                        SyncOutcome.interrupted("sync failed: the run could not start"),
                        !closing)
                .subscribe()
                .with(
                        ended -> {
                            if (ended.followUp()) {
                                requestFollowUp(job);
                            }
                        },
                        error -> LOG.errorf(
                                "Sync run %s of project %s could not record its end: %s",
                                job.runId(), job.slug(), error));
    }

    /** The request was cleared by the final write: if nobody starts the follow-up now, it is lost. */
    private void requestFollowUp(SyncJob job) {
        try {
            followUps.fire(new SyncFollowUp(job.projectId(), job.slug()));
        } catch (RuntimeException e) {
            LOG.errorf("Follow-up sync of project %s could not be requested: %s", job.slug(), e);
        }
    }

    private void renew(ActiveRun run) {
        lease.renew(run.job.projectId(), run.job.runId())
                .subscribe()
                .with(
                        held -> {
                            if (!held) {
                                run.job.stop("lease lost");
                                vertx.cancelTimer(run.heartbeatTimer);
                            }
                        },
                        failure -> LOG.warnf("Heartbeat of sync run %s failed: %s", run.job.runId(), failure));
    }

    private WorkerExecutor workers() {
        if (workers == null) {
            synchronized (this) {
                if (workers == null) {
                    // Runs have no maximum duration, so the blocked-thread warning must not fire for them.
                    workers = vertx.createSharedWorkerExecutor(
                            "sdlc-lens-sync", Math.max(1, config.maxConcurrent()), 365, TimeUnit.DAYS);
                }
            }
        }
        return workers;
    }

    private static final class ActiveRun {
        final SyncJob job;
        final CountDownLatch done = new CountDownLatch(1);
        final long startNanos = System.nanoTime();
        volatile long heartbeatTimer = -1; // none yet: Vert.x numbers timers from 0

        ActiveRun(SyncJob job) {
            this.job = job;
        }
    }
}
