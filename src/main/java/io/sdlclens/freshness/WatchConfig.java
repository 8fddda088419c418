package io.sdlclens.freshness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Watching the folders of local projects with {@code auto_sync} (see {@link FolderWatcher}). */
@ConfigMapping(prefix = "sdlc-lens.watch")
public interface WatchConfig {

    /** Off: no folder is watched for change events; every such project is rescanned instead. */
    @WithDefault("true")
    boolean enabled();

    /** Quiet time after the last change before a sync is requested, so that a burst of saves is one sync. */
    @WithDefault("1s")
    Duration debounce();

    /**
     * How often a project that is not watched by events (watching off, a network volume, over the folder bound) is
     * synced anyway; skipped when any sync of it started within the last half of this.
     */
    @WithDefault("5m")
    Duration rescanEvery();

    /** How often this replica re-reads which projects to watch (a project created, changed, deleted, toggled). */
    @WithDefault("10s")
    Duration refreshEvery();

    /** Most folders this replica watches; a project that would pass the bound is rescanned instead. */
    @WithDefault("4096")
    int maxFolders();
}
