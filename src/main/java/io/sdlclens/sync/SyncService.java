package io.sdlclens.sync;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.DatabaseFailures;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.project.Project;
import io.sdlclens.project.ProjectRepository;
import io.sdlclens.project.ProjectViewCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@ApplicationScoped
public class SyncService {

    public static final int DEFAULT_RUN_LIMIT = 20;
    public static final int MAX_RUN_LIMIT = 100;
    static final String SYNC_IN_PROGRESS_MESSAGE = "Sync already running for this project";

    private final ProjectRepository projects;
    private final SyncRunRepository runs;
    private final SyncRunner runner;
    private final SyncConfig config;
    private final ProjectViewCache projectViews;

    public SyncService(
            ProjectRepository projects,
            SyncRunRepository runs,
            SyncRunner runner,
            SyncConfig config,
            ProjectViewCache projectViews) {
        this.projects = projects;
        this.projectViews = projectViews;
        this.runs = runs;
        this.runner = runner;
        this.config = config;
    }

    /**
     * Wins the project's lease and starts the run. The lease and the run record commit before the returned
     * {@code Uni} emits, so any later trigger already sees the project syncing; only then is the run launched.
     *
     * <p>The work starts here, on its own subscription, and the returned {@code Uni} only observes its result:
     * cancelling it (RESTEasy Reactive cancels a response's {@code Uni} when the client hangs up) stops nothing.
     * A trigger cancelled midway could otherwise roll back, or commit the lease and never launch the run, leaving
     * the project syncing with nothing behind it until the lease goes stale.
     *
     * @return the new run's id
     */
    public Uni<SyncJob> trigger(String slug) {
        UUID runId = UUID.randomUUID();
        CompletableFuture<SyncJob> started = Panache.withTransaction(() -> projects.tryAcquireSyncLease(
                                slug, runId, config.staleAfter())
                        .flatMap(won -> won
                                ? runs.recordNewRun(slug, runId).flatMap(ignored -> projects.findBySlug(slug))
                                : refusal(slug)))
                // the row stayed locked past the trigger's lock timeout: a holder is writing, so it is live
                .onFailure(DatabaseFailures::isLockTimeout)
                .transform(busy -> new ApiException(409, ErrorCode.SYNC_IN_PROGRESS, SYNC_IN_PROGRESS_MESSAGE))
                .map(project -> new SyncJob(project.id, project.slug, runId, SyncJob.Source.of(project)))
                // committed: a read right after the 202 shows the project syncing
                .invoke(projectViews::invalidate)
                .invoke(runner::launch)
                .subscribeAsCompletionStage();
        // Cancelling a Uni made from a stage cancels that stage, and cancelling the stage of
        // subscribeAsCompletionStage cancels its subscription: observe through a dependent stage instead, whose
        // cancellation never reaches the work.
        return Uni.createFrom().completionStage(() -> started.thenApply(job -> job));
    }

    public Uni<List<SyncRun>> recentRuns(String slug, int limit) {
        return project(slug).flatMap(project -> runs.newestFirst(project.id, limit));
    }

    public Uni<SyncRunView> run(String slug, UUID runId) {
        return project(slug)
                .flatMap(project -> runs.findInProject(project.id, runId))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Sync run not found"))
                .flatMap(run -> runs.fileErrors(Set.of(run.runId))
                        .map(errors -> SyncRunView.of(run, errors.getOrDefault(run.runId, List.of()))));
    }

    /** Runs with their file errors, in the given order. */
    public Uni<List<SyncRunView>> withErrors(List<SyncRun> list) {
        return runs.fileErrors(list.stream().map(run -> run.runId).toList())
                .map(errors -> list.stream()
                        .map(run -> SyncRunView.of(run, errors.getOrDefault(run.runId, List.of())))
                        .toList());
    }

    private Uni<Project> refusal(String slug) {
        return projects.findBySlug(slug).map(project -> {
            if (project == null) {
                throw ApiException.notFound("Project not found");
            }
            throw new ApiException(409, ErrorCode.SYNC_IN_PROGRESS, SYNC_IN_PROGRESS_MESSAGE);
        });
    }

    private Uni<Project> project(String slug) {
        return projects.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Project not found"));
    }
}
