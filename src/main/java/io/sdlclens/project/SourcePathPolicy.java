package io.sdlclens.project;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.sdlclens.error.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
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

    private static final String UNREADABLE =
            " cannot be read by the service: give its user read and execute permission on the folder";

    private static final Logger LOG = Logger.getLogger(SourcePathPolicy.class);

    static final String MISSING_ROOTS = "SDLC_LENS_ALLOWED_ROOTS (sdlc-lens.allowed-roots) is not set: in production"
            + " a local project's folder must lie inside one of the folders it lists; set it, comma-separated, e.g."
            + " SDLC_LENS_ALLOWED_ROOTS=/data/projects (a service with git projects only can name an empty folder)";

    private final List<String> allowedRoots;

    public SourcePathPolicy(ProjectsConfig config) {
        this.allowedRoots = config.allowedRoots().orElse(List.of()).stream()
                .map(String::trim)
                .filter(root -> !root.isEmpty())
                .toList();
    }

    // before the scheduler starts (it observes at priority 0): a start that is refused must not first fire a poll
    // round, which would then fail against the stopping container and print a stack trace under the one line;
    // after the datasource check (-2), whose refusal must stay the only line
    void checkConfiguration(@Observes @Priority(-1) StartupEvent event) {
        if (!allowedRoots.isEmpty()) {
            LOG.infof("Project paths are restricted to %s", allowedRoots);
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            // without a cause, Quarkus prints the message as one line instead of a stack trace
            throw new ConfigurationException(MISSING_ROOTS);
        } else {
            LOG.warn("sdlc-lens.allowed-roots is not set: any folder on this machine can be registered");
        }
    }

    /**
     * Resolves {@code rawPath} to the real directory it names. Each refusal names the path as it was given and says
     * what is expected, so the person registering the project can correct it.
     *
     * @throws ApiException PATH_NOT_FOUND when it is relative, missing, not a directory, unreadable, or outside the
     *     allowed roots
     */
    public Path resolve(String rawPath) {
        String named = "sdlc_path " + rawPath;
        Path given;
        try {
            given = Path.of(rawPath);
        } catch (InvalidPathException e) {
            throw ApiException.pathNotFound(
                    named + " is not a valid path: give the absolute path of an existing folder");
        }
        // The server's working folder means nothing to the person calling the API, so "." or "docs/x" or "~/x"
        // must never be resolved against it.
        if (!given.isAbsolute()) {
            throw ApiException.pathNotFound(
                    named + " is a relative path: give the absolute path of an existing folder");
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (AccessDeniedException e) {
            throw ApiException.pathNotFound(named + UNREADABLE);
        } catch (IOException | SecurityException e) {
            throw ApiException.pathNotFound(named + " does not exist: give the absolute path of an existing folder");
        }
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.pathNotFound(named + " is a file, not a folder");
        }
        if (!Files.isReadable(real) || !Files.isExecutable(real)) {
            throw ApiException.pathNotFound(named + UNREADABLE);
        }
        if (!isAllowed(real)) {
            throw ApiException.pathNotFound(named + " is outside the allowed roots (SDLC_LENS_ALLOWED_ROOTS)");
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
