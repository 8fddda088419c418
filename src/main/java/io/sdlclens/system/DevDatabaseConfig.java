package io.sdlclens.system;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the embedded PostgreSQL that dev mode starts when no datasource is configured. */
@ConfigMapping(prefix = "sdlc-lens.dev-db")
public interface DevDatabaseConfig {

    /** Port of the embedded dev database; its data lives in target/dev-db. */
    @WithDefault("" + EmbeddedDevDatabase.DEFAULT_PORT)
    int port();
}
