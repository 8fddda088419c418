package io.sdlclens.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event stream, {@code GET /api/v1/events}. */
@ConfigMapping(prefix = "sdlc-lens.events")
public interface EventsConfig {

    /** How often an idle stream gets a comment line, so that proxies and browsers keep it open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Streams one replica serves at once; one more is refused with 503 until a stream closes. */
    @WithDefault("1000")
    int maxStreams();

    /**
     * Events a client may fall behind by (sent but not yet written to its connection) before it is dropped: a
     * stalled client costs at most this much memory, and reconnects to read the current state.
     */
    @WithDefault("64")
    int clientQueue();
}
