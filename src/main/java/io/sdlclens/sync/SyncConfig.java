package io.sdlclens.sync;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sdlc-lens.sync")
public interface SyncConfig {

    /** A syncing project whose heartbeat is older than this has lost its lease and may be taken over. */
    @WithDefault("60s")
    Duration staleAfter();

    /** How often a live run renews its heartbeat; well below {@link #staleAfter()}. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** How often each replica looks for stale leases and marks them as errors. */
    @WithDefault("15s")
    Duration reaperInterval();

    /** Runs executing at once on this replica; further runs wait for a slot, keeping their lease alive. */
    @WithDefault("2")
    int maxConcurrent();

    /** Files larger than this are not read; each is a per-file error ("file too large"). */
    @WithDefault("10M")
    MemorySize maxFileSize();

    /** Documents written per database transaction; bounds the time a run holds its project row locked. */
    @WithDefault("500")
    int batchSize();

    /**
     * Database connections one run writes its batches on at once; reading and parsing the next batch overlaps
     * with them. Each batch stays one fenced transaction.
     */
    @WithDefault("2")
    int writers();

    /** How long a graceful shutdown waits for running syncs before marking them interrupted. */
    @WithDefault("10s")
    Duration shutdownGrace();
}
