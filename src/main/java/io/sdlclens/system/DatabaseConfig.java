package io.sdlclens.system;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sdlc-lens.database")
public interface DatabaseConfig {

    /** How long opening a connection to PostgreSQL may take before the request fails with 503. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** How long a request may wait for a pooled connection before it fails with 503. */
    @WithDefault("5s")
    Duration acquireTimeout();

    /**
     * A transaction left idle this long is ended by PostgreSQL: a process frozen inside a sync batch (GC, VM
     * pause, partition) must not hold its project row locked past the lease's stale timeout.
     */
    @WithDefault("20s")
    Duration idleInTransactionTimeout();

    /**
     * Whether the search's statements are prepared once per pooled connection and kept (see {@link KeptStatements}).
     * Off for a connection pooler in transaction mode that cannot hold a session's prepared statements.
     */
    @WithDefault("true")
    boolean keepStatements();
}
