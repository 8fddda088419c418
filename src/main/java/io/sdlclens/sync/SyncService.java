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
     * Wins the project's lease and starts the run. The lease and the run record commit before this returns, so
     * any later trigger already sees the project syncing; only then is the run launched.
     *
     * @return the new run's id
     */
    public Uni<SyncJob> trigger(String slug) {
        UUID runId = UUID.randomUUID();
        return Panache.withTransaction(() -> projects.tryAcquireSyncLease(slug, runId, config.staleAfter())
                        .flatMap(won -> won
                                ? runs.recordNewRun(slug, runId).flatMap(ignored -> projects.findBySlug(slug))
                                : refusal(slug)))
                // the row stayed locked past the trigger's lock timeout: a holder is writing, so it is live
                .onFailure(DatabaseFailures::isLockTimeout)
                .transform(busy -> new ApiException(409, ErrorCode.SYNC_IN_PROGRESS, SYNC_IN_PROGRESS_MESSAGE))
                .map(project -> new SyncJob(project.id, project.slug, runId, project.sdlcPath))
                // committed: a read right after the 202 shows the project syncing
                .invoke(projectViews::invalidate)
                .invoke(runner::launch);
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
