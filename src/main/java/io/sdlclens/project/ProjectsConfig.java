package io.sdlclens.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "sdlc-lens")
public interface ProjectsConfig {

    /**
     * Folders that project paths must lie inside (comma-separated, resolved to real paths). Required in the prod
     * profile; unset in dev/test means unrestricted.
     */
    Optional<List<String>> allowedRoots();

    /** Project reads kept in memory between changes (see {@link ProjectViewCache}). */
    ProjectCache projectCache();

    interface ProjectCache {

        /** Off: every project read goes to the database. */
        @WithDefault("true")
        boolean enabled();

        /** The longest an entry is served before it is read again, whatever the notifications say. */
        @WithDefault("5s")
        Duration maxAge();
    }
}
