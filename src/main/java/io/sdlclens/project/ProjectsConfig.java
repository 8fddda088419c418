package io.sdlclens.project;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "sdlc-lens")
public interface ProjectsConfig {

    /**
     * Folders that project paths must lie inside (comma-separated, resolved to real paths). Required in the prod
     * profile; unset in dev/test means unrestricted.
     */
    Optional<List<String>> allowedRoots();
}
