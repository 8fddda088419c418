package io.sdlclens.freshness;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.sdlclens.error.ApiException;
import io.sdlclens.sync.SyncConfig;
import io.sdlclens.sync.SyncFollowUp;
import io.sdlclens.sync.SyncService;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one entry point for automatic sync starts (folder watching, rescans, polling, webhooks): start a run if the
 * project is free, otherwise ask the running one for a follow-up. Unlike a manual trigger it never refuses a
 * busy project; a manual {@code POST …/sync} keeps its 409.
 */
@ApplicationScoped
public class FreshnessService {

    /** What a request came to. */
    public enum Outcome {
        /** a run started now */
        STARTED,
        /** a run is going; one more run starts when it ends */
        QUEUED,
        /** no project by that slug */
        NOT_FOUND;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = Logger.getLogger(FreshnessService.class);

    /**
     * A run can end between "not held" and "held" any number of times in theory; in practice a retry sees the new
     * state. Bounded so a pathological flapping project fails the request instead of spinning.
     */
    private static final int ATTEMPTS = 5;

    private final SyncService syncs;
    private final FreshnessRepository repository;
    private final SyncConfig syncConfig;
    private final FreshnessMetrics metrics;
    private final Vertx vertx;

    public FreshnessService(
            SyncService syncs,
            FreshnessRepository repository,
            SyncConfig syncConfig,
            FreshnessMetrics metrics,
            Vertx vertx) {
        this.syncs = syncs;
        this.repository = repository;
        this.syncConfig = syncConfig;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /**
     * Starts a sync of the project, or queues one follow-up run behind the one going. Callable from any thread:
     * the work runs on a fresh Vert.x context of its own and the returned {@code Uni} only observes it, so a
     * caller that cancels (an HTTP client hanging up on a webhook) neither stops it nor leaves it half done.
     *
     * @param reason {@code watch}, {@code rescan}, {@code poll}, {@code webhook} — for metrics and logs
     */
    public Uni<Outcome> requestSync(String slug, String reason) {
        CompletableFuture<Outcome> done = detached(() -> attempt(slug, ATTEMPTS).invoke(outcome -> {
            metrics.requested(reason, outcome);
            LOG.debugf("Sync request (%s) for project %s: %s", reason, slug, outcome.wireName());
        }));
        return Uni.createFrom().completionStage(() -> done.thenApply(outcome -> outcome));
    }

    /**
     * The final write of a run cleared "sync requested": start the follow-up on this replica. A trigger refused as
     * busy means another run started after that write, and it reads the change too: nothing more to do.
     */
    void onFollowUp(@Observes SyncFollowUp followUp) {
        detached(() -> syncs.trigger(followUp.slug())
                        .replaceWith(Outcome.STARTED)
                        .onFailure(ApiException.class)
                        .recoverWithItem(failure ->
                                ((ApiException) failure).status() == 404 ? Outcome.NOT_FOUND : Outcome.QUEUED)
                        .invoke(outcome -> metrics.requested("follow_up", outcome)))
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        LOG.warnf("Follow-up sync of project %s did not start: %s", followUp.slug(), failure);
                    } else {
                        LOG.debugf("Follow-up sync of project %s: %s", followUp.slug(), outcome.wireName());
                    }
                });
    }

    private Uni<Outcome> attempt(String slug, int left) {
        return repository
                .markRequested(slug, syncConfig.staleAfter())
                .flatMap(queued -> queued
                        ? Uni.createFrom().item(Outcome.QUEUED)
                        : syncs.trigger(slug)
                                .replaceWith(Outcome.STARTED)
                                .onFailure(failure -> failure instanceof ApiException api && api.status() == 404)
                                .recoverWithItem(Outcome.NOT_FOUND)
                                // a run started (or a live holder appeared) since the mark: mark that one
                                .onFailure(failure ->
                                        left > 1 && failure instanceof ApiException api && api.status() == 409)
                                .recoverWithUni(() -> attempt(slug, left - 1)));
    }

    private CompletableFuture<Outcome> detached(Supplier<Uni<Outcome>> work) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        // a context of its own: Hibernate Reactive needs one, and it must never be a request's
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(done::complete, done::completeExceptionally);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
