package io.sdlclens.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.sdlclens.connection.ConnectionRepository;
import io.sdlclens.document.DocumentGeneration;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.DatabaseFailures;
import io.sdlclens.secret.TokenCipher;
import io.sdlclens.source.GitConfig;
import io.sdlclens.source.GitUrlPolicy;
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
    private final GitUrlPolicy urls;
    private final TokenCipher cipher;
    private final ConnectionRepository connections;
    private final ObjectMapper json;

    public ProjectService(
            ProjectRepository projects,
            ProjectViewRepository views,
            ProjectViewCache cache,
            SourcePathPolicy paths,
            DocumentGeneration generation,
            Vertx vertx,
            GitConfig git,
            TokenCipher cipher,
            ConnectionRepository connections,
            ObjectMapper json) {
        this.projects = projects;
        this.views = views;
        this.cache = cache;
        this.paths = paths;
        this.generation = generation;
        this.vertx = vertx;
        this.urls = GitUrlPolicy.of(git);
        this.cipher = cipher;
        this.connections = connections;
        this.json = json;
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

    /**
     * One project as its response body: the JSON the API's own mapper writes for {@link #get}, kept with the
     * cached view so that a poll between changes serialises nothing.
     */
    public Uni<byte[]> getJson(String slug) {
        return cache.projectJson(slug, () -> views.bySlug(slug), this::serialise)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Project not found"));
    }

    private byte[] serialise(ProjectView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a project view could not be serialised", e);
        }
    }

    /**
     * Checks in the contract's order: the body (422, a token without a key included), then the path (400), then
     * the connection (404), then the slug's uniqueness (409).
     */
    public Uni<ProjectView> create(ProjectRequests.Create request) {
        return Uni.createFrom()
                .item(() -> {
                    ProjectRules.NewProject valid = ProjectRules.NewProject.validate(request, urls);
                    if (valid.accessToken() != null) {
                        cipher.requireKey();
                    }
                    return valid;
                })
                .flatMap(valid -> resolveSource(valid.source())
                        .call(realPath -> requireConnection(valid.source().connectionId()))
                        .flatMap(realPath -> insert(valid, realPath)))
                .invoke(cache::invalidate)
                .map(project -> ProjectView.of(project, 0, null));
    }

    /** Applies the fields sent, then validates the resulting project as a whole (its path may have gone). */
    public Uni<ProjectView> update(String slug, ProjectRequests.Update request) {
        return Uni.createFrom()
                .item(() -> {
                    ProjectRules.ProjectChange.validateShape(request);
                    return request;
                })
                .flatMap(sent -> find(slug))
                .map(current -> {
                    ProjectRules.ProjectChange change = ProjectRules.ProjectChange.validate(request, current, urls);
                    if (change.accessToken() != null) {
                        cipher.requireKey();
                    }
                    return change;
                })
                .flatMap(change -> resolveSource(change.source())
                        .call(realPath -> request.connectionIdSent()
                                ? requireConnection(change.source().connectionId())
                                : Uni.createFrom().voidItem())
                        .flatMap(realPath ->
                                Panache.withTransaction(() -> find(slug).flatMap(project -> {
                                    if (change.name() != null) {
                                        project.name = change.name();
                                    }
                                    applySource(project, change.source(), realPath);
                                    if (change.tokenSent()) {
                                        applyToken(project, change.accessToken());
                                    }
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
                    applySource(project, valid.source(), realPath);
                    applyToken(project, valid.accessToken());
                    project.createdAt = Instant.now();
                    project.updatedAt = project.createdAt;
                    return projects.persistAndFlush(project);
                }))
                // Two creates of one slug can both pass the check above; the unique index decides.
                .onFailure(DatabaseFailures::isUniqueViolation)
                .transform(race -> ApiException.conflict(SLUG_TAKEN));
    }

    private static void applySource(Project project, ProjectRules.Source source, Path realPath) {
        project.sourceType = source.sourceType();
        // a repository's project has no folder on this machine
        project.sdlcPath = realPath == null ? null : realPath.toString();
        project.repoUrl = source.repoUrl();
        project.repoBranch = source.repoBranch();
        project.repoPath = source.repoPath();
        project.connectionId = source.connectionId();
        project.autoSync = source.autoSync();
    }

    /** Only the ciphertext and the mask are kept; a null token removes both. */
    private void applyToken(Project project, String token) {
        project.accessToken = token == null ? null : cipher.encrypt(token);
        project.maskedToken = TokenCipher.mask(token);
    }

    private Uni<Void> requireConnection(Long connectionId) {
        if (connectionId == null) {
            return Uni.createFrom().voidItem();
        }
        return connections
                .byId(connectionId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Connection not found: connection_id " + connectionId
                        + " names no stored connection (GET /api/v1/connections lists them)"))
                .replaceWithVoid();
    }

    /** The resolved folder of a local project; null for a repository. */
    private Uni<Path> resolveSource(ProjectRules.Source source) {
        return source.local() ? resolvePath(source.rawPath()) : Uni.createFrom().nullItem();
    }

    private Uni<Project> find(String slug) {
        return projects.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Project not found"));
    }

    /** Path checks touch the filesystem: they run on a worker, and the result comes back on this context. */
    private Uni<Path> resolvePath(String rawPath) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> paths.resolve(rawPath)));
    }
}
