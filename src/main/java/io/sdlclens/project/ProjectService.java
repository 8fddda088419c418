package io.sdlclens.project;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.sdlclens.document.DocumentGeneration;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.DatabaseFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ProjectService {

    private static final String SLUG_TAKEN = "Project slug already exists";

    private final ProjectRepository projects;
    private final ProjectViewRepository views;
    private final ProjectViewCache cache;
    private final SourcePathPolicy paths;
    private final DocumentGeneration generation;
    private final Vertx vertx;

    public ProjectService(
            ProjectRepository projects,
            ProjectViewRepository views,
            ProjectViewCache cache,
            SourcePathPolicy paths,
            DocumentGeneration generation,
            Vertx vertx) {
        this.projects = projects;
        this.views = views;
        this.cache = cache;
        this.paths = paths;
        this.generation = generation;
        this.vertx = vertx;
    }

    public Uni<List<ProjectView>> list() {
        return cache.all(views::oldestFirst);
    }

    public Uni<ProjectView> get(String slug) {
        return cache.project(slug, () -> views.bySlug(slug))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Project not found"));
    }

    /** Checks in the contract's order: the body (422), then the path (400), then the slug's uniqueness (409). */
    public Uni<ProjectView> create(ProjectRequests.Create request) {
        return Uni.createFrom()
                .item(() -> ProjectRules.NewProject.validate(request))
                .flatMap(valid -> resolvePath(valid.rawPath()).flatMap(realPath -> insert(valid, realPath)))
                .invoke(cache::invalidate)
                .map(project -> ProjectView.of(project, 0, null));
    }

    /** Applies the fields sent, then validates the resulting project as a whole (its path may have gone). */
    public Uni<ProjectView> update(String slug, ProjectRequests.Update request) {
        return Uni.createFrom()
                .item(() -> ProjectRules.ProjectChange.validate(request))
                .flatMap(change -> find(slug)
                        .flatMap(current -> resolvePath(change.rawPath() != null ? change.rawPath() : current.sdlcPath))
                        .flatMap(realPath ->
                                Panache.withTransaction(() -> find(slug).flatMap(project -> {
                                    if (change.name() != null) {
                                        project.name = change.name();
                                    }
                                    project.sdlcPath = realPath.toString();
                                    project.updatedAt = Instant.now();
                                    return projects.persistAndFlush(project);
                                }))))
                .invoke(cache::invalidate)
                .flatMap(updated -> get(slug));
    }

    public Uni<Void> delete(String slug) {
        return Panache.withTransaction(() -> find(slug).flatMap(projects::delete))
                .invoke(cache::invalidate)
                // after the commit, so no cached search keeps showing the deleted documents
                .call(generation::advance);
    }

    private Uni<Project> insert(ProjectRules.NewProject valid, Path realPath) {
        return Panache.withTransaction(() -> projects.findBySlug(valid.slug()).flatMap(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict(SLUG_TAKEN);
                    }
                    Project project = new Project();
                    project.slug = valid.slug();
                    project.name = valid.name();
                    project.sourceType = Project.SOURCE_TYPE_LOCAL;
                    project.sdlcPath = realPath.toString();
                    project.createdAt = Instant.now();
                    project.updatedAt = project.createdAt;
                    return projects.persistAndFlush(project);
                }))
                // Two creates of one slug can both pass the check above; the unique index decides.
                .onFailure(DatabaseFailures::isUniqueViolation)
                .transform(race -> ApiException.conflict(SLUG_TAKEN));
    }

    private Uni<Project> find(String slug) {
        return projects.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Project not found"));
    }

    /** Path checks touch the filesystem: they run on a worker, and the result comes back on this context. */
    private Uni<Path> resolvePath(String rawPath) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> paths.resolve(rawPath)));
    }
}
