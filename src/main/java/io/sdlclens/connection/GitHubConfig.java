package io.sdlclens.connection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sdlc-lens.github")
public interface GitHubConfig {

    /** Base of the GitHub REST API; GitHub Enterprise: {@code https://host/api/v3}. */
    @WithDefault("https://api.github.com")
    String apiUrl();

    /** Bound on each request to GitHub, connecting included; past it GitHub counts as unreachable (502). */
    @WithDefault("15s")
    Duration timeout();

    /** Repositories listed per connection (or per token) at most; further pages are not fetched. */
    @WithDefault("200")
    int maxRepos();
}
