package io.sdlclens.freshness;

import io.quarkus.scheduler.Scheduled;
import io.sdlclens.source.GitSourceException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Polls git/github projects with {@code auto_sync}: every round each replica claims the due projects in the
 * database (so one replica polls a project per interval), asks the remote for the branch head, and requests a
 * sync only when it differs from the last synced commit. A failing remote backs off exponentially.
 */
@ApplicationScoped
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    private final FreshnessRepository repository;
    private final FreshnessService freshness;
    private final RemoteHeads heads;
    private final PollConfig config;
    private final FreshnessMetrics metrics;

    public Poller(
            FreshnessRepository repository,
            FreshnessService freshness,
            RemoteHeads heads,
            PollConfig config,
            FreshnessMetrics metrics) {
        this.repository = repository;
        this.freshness = freshness;
        this.heads = heads;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(
            identity = "project-poller",
            every = "${sdlc-lens.poll.claim-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> round() {
        return pollDue()
                .onFailure()
                .invoke(failure -> LOG.debugf("Poller skipped a round: %s", failure))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One round: claims the due projects and polls each. @return how many were claimed */
    public Uni<Integer> pollDue() {
        return repository
                .claimDue(config.interval(), config.batchSize())
                .flatMap(claimed -> Multi.createFrom()
                        .iterable(claimed)
                        .onItem()
                        .transformToUniAndConcatenate(this::poll)
                        .collect()
                        .asList()
                        .map(ignored -> claimed.size()));
    }

    private Uni<Void> poll(PolledProject project) {
        return Uni.createFrom()
                .item(() -> heads.head(project))
                // a network round trip: never on the event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(head -> {
                    boolean changed = !Objects.equals(head, project.lastSyncedCommitSha());
                    metrics.polled(changed ? "changed" : "unchanged");
                    Uni<Void> reset = repository.pollSucceeded(project.id());
                    return changed
                            ? freshness.requestSync(project.slug(), "poll").flatMap(outcome -> reset)
                            : reset;
                })
                .onFailure()
                .recoverWithUni(failure -> failed(project, failure));
    }

    private Uni<Void> failed(PolledProject project, Throwable failure) {
        metrics.polled("failed");
        Duration wait = Backoff.after(project.pollFailures() + 1, config.interval(), config.maxBackoff());
        // GitSource words its failures for a person (no token, no stack); anything else stays generic
        String reason = failure instanceof GitSourceException && failure.getMessage() != null
                ? failure.getMessage()
                : "the remote could not be asked";
        String error = "Checking the repository for changes failed (next try in %s): %s".formatted(human(wait), reason);
        LOG.infof("Poll of project %s failed (%d in a row): %s", project.slug(), project.pollFailures() + 1, reason);
        return repository.pollFailed(project.id(), wait, error).replaceWithVoid();
    }

    private static String human(Duration wait) {
        long minutes = wait.toMinutes();
        return minutes >= 1 ? minutes + " min" : wait.toSeconds() + " s";
    }
}
