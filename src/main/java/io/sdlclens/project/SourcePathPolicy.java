package io.sdlclens.project;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.sdlclens.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides which folders may be registered and synced: an existing directory, named by its resolved real path,
 * inside one of the allowed roots. Touches the filesystem, so callers run it on a worker thread.
 */
@ApplicationScoped
public class SourcePathPolicy {

    public static final String NOT_FOUND_MESSAGE = "Project sdlc-studio path does not exist on filesystem";
    public static final String OUTSIDE_ROOTS_MESSAGE = "sdlc_path must be within the allowed roots";

    private static final Logger LOG = Logger.getLogger(SourcePathPolicy.class);

    private final List<String> allowedRoots;

    public SourcePathPolicy(ProjectsConfig config) {
        this.allowedRoots = config.allowedRoots().orElse(List.of()).stream()
                .map(String::trim)
                .filter(root -> !root.isEmpty())
                .toList();
    }

    void checkConfiguration(@Observes StartupEvent event) {
        if (!allowedRoots.isEmpty()) {
            LOG.infof("Project paths are restricted to %s", allowedRoots);
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException(
                    "sdlc-lens.allowed-roots (SDLC_LENS_ALLOWED_ROOTS) must be set in production");
        } else {
            LOG.warn("sdlc-lens.allowed-roots is not set: any folder on this machine can be registered");
        }
    }

    /**
     * Resolves {@code rawPath} to the real directory it names.
     *
     * @throws ApiException PATH_NOT_FOUND when it is missing, not a directory, or outside the allowed roots
     */
    public Path resolve(String rawPath) {
        Path real = realDirectory(rawPath).orElseThrow(() -> ApiException.pathNotFound(NOT_FOUND_MESSAGE));
        if (!isAllowed(real)) {
            throw ApiException.pathNotFound(OUTSIDE_ROOTS_MESSAGE);
        }
        return real;
    }

    /** The real path of an existing directory, or empty; never throws for a bad or missing path. */
    public Optional<Path> realDirectory(String rawPath) {
        try {
            Path real = Path.of(rawPath).toAbsolutePath().toRealPath();
            return Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether a real path lies inside an allowed root; roots are resolved on each call, as mounts can change. */
    public boolean isAllowed(Path real) {
        if (allowedRoots.isEmpty()) {
            return true;
        }
        for (String root : allowedRoots) {
            Optional<Path> realRoot = realDirectory(root);
            if (realRoot.isPresent() && real.startsWith(realRoot.get())) {
                return true;
            }
        }
        return false;
    }
}
