package io.sdlclens.system;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "sdlc-lens")
public interface AccessConfig {

    /** When set, writes (POST, PUT, DELETE) under /api need {@code Authorization: Bearer <token>}. */
    Optional<String> apiToken();

    /** With an API token set, require it for reads (GET) under /api as well. */
    @WithDefault("false")
    boolean protectReads();
}
