package io.sdlclens.source;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings for git sources: which remotes may be reached, where fetched objects live, and the bounds. */
@ConfigMapping(prefix = "sdlc-lens.git")
public interface GitConfig {

    /** Host names a repository URL may name (exact, case-insensitive); {@code *} allows any public host. */
    @WithDefault("github.com,gitlab.com,bitbucket.org,codeberg.org")
    List<String> allowedHosts();

    /** Allow plain {@code http://} remotes (a git server on a private network); otherwise https only. */
    @WithDefault("false")
    boolean allowHttp();

    /** Folder holding one bare repository per remote; safe to delete, it is re-created by the next fetch. */
    @WithDefault("git-cache")
    Path cacheDir();

    /**
     * Most pack files one cache repository may hold: each fetch adds one, and a fetch that finds more repacks the
     * repository in place (what the branch head reaches, in one pack).
     */
    @WithDefault("10")
    int cacheMaxPacks();

    /** Longest a fetch or a head lookup may take, including a server that stalls mid-response. */
    @WithDefault("2m")
    Duration fetchTimeout();

    /** Most bytes one fetch may receive from the server; a larger transfer is cut with an error. */
    @WithDefault("200M")
    MemorySize maxFetchSize();

    /** Longest opening a connection to the git server may take. */
    @WithDefault("10s")
    Duration connectTimeout();
}
