package io.sdlclens.system;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the embedded PostgreSQL that dev mode starts when no datasource is configured. Read by
 * {@link EmbeddedDevDatabase} before CDI exists, so nothing injects it: unremovable, or the unused mapping is dropped
 * and {@code -Dsdlc-lens.dev-db.port} fails validation as a property of no mapping.
 */
@Unremovable
@ConfigMapping(prefix = "sdlc-lens.dev-db")
public interface DevDatabaseConfig {

    /** Port of the embedded dev database; its data lives in target/dev-db. */
    @WithDefault("" + EmbeddedDevDatabase.DEFAULT_PORT)
    int port();
}
