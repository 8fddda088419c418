package io.sdlclens.sample;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.sdlclens.error.ApiException;
import io.sdlclens.project.ProjectRequests;
import io.sdlclens.project.ProjectService;
import io.sdlclens.sync.SyncService;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives a newcomer something to look at: when dev mode starts on a database without projects, registers the sample
 * sdlc-studio folder shipped in {@code src/sample/sdlc-studio} as the project "Sample project" (slug {@code sample})
 * and syncs it, through the same services as the API.
 */
@ApplicationScoped
public class SampleProject {

    public static final String SLUG = "sample";
    static final String NAME = "Sample project";
    private static final Logger LOG = Logger.getLogger(SampleProject.class);

    /** What {@link #registerIfEmpty(Path)} did. */
    public enum Outcome {
        REGISTERED,
        /** there were projects already: the sample is only for an empty database */
        NOT_EMPTY,
        /** another dev instance registered (or is syncing) it at the same moment */
        LOST_RACE
    }

    private final ProjectService projects;
    private final SyncService syncs;
    private final SampleProjectConfig config;
    private final Vertx vertx;

    public SampleProject(ProjectService projects, SyncService syncs, SampleProjectConfig config, Vertx vertx) {
        this.projects = projects;
        this.syncs = syncs;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.sampleProject() || LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        Optional<Path> folder = sampleFolder(config.samplePath());
        if (folder.isEmpty()) {
            LOG.warnf("Sample project not registered: no folder %s (sdlc-lens.dev.sample-path)", config.samplePath());
            return;
        }
        // a context of its own: Hibernate Reactive needs one, and startup does not wait for the registration
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // Panache only runs on a context flagged safe: this one is ours alone
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> registerIfEmpty(folder.get())
                .subscribe()
                .with(
                        outcome -> {
                            if (outcome == Outcome.REGISTERED) {
                                LOG.infof("Registered and syncing the sample project: /api/v1/projects/%s", SLUG);
                            }
                        },
                        failure -> LOG.warnf("Sample project not registered: %s", failure.getMessage())));
    }

    /** Registers the folder as the sample project and starts its sync, only when there is no project at all. */
    public Uni<Outcome> registerIfEmpty(Path folder) {
        return projects.list().flatMap(existing -> {
            if (!existing.isEmpty()) {
                return Uni.createFrom().item(Outcome.NOT_EMPTY);
            }
            // the slug comes from the name at creation and never changes; the display name is set after
            return projects.create(new ProjectRequests.Create("Sample", folder.toString(), null))
                    .flatMap(created -> projects.update(created.slug(), new ProjectRequests.Update(NAME, null)))
                    .flatMap(renamed -> syncs.trigger(renamed.slug()))
                    .replaceWith(Outcome.REGISTERED)
                    // a second dev instance on the same database got there first (slug taken, or its sync runs)
                    .onFailure(failure -> failure instanceof ApiException api && api.status() == 409)
                    .recoverWithItem(Outcome.LOST_RACE);
        });
    }

    /**
     * The sample folder on disk. Dev mode runs from the project directory, but the classes' location is tried too
     * ({@code target/classes} → the project directory), so another working directory does not lose it.
     */
    static Optional<Path> sampleFolder(String configured) {
        Path path = Path.of(configured);
        List<Path> candidates = new ArrayList<>();
        if (path.isAbsolute()) {
            candidates.add(path);
        } else {
            candidates.add(Path.of("").toAbsolutePath().resolve(path));
            projectDirectory().ifPresent(dir -> candidates.add(dir.resolve(path)));
        }
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }

    private static Optional<Path> projectDirectory() {
        try {
            Path classes = Path.of(SampleProject.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isDirectory(classes) && classes.getParent() != null
                    ? Optional.ofNullable(classes.getParent().getParent())
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
