package io.sdlclens.freshness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Polling of git/github projects with {@code auto_sync}: how often, and how far failures push the next poll. */
@ConfigMapping(prefix = "sdlc-lens.poll")
public interface PollConfig {

    /** Time between two head checks of one project (plus up to 10 % jitter, so projects spread out). */
    @WithDefault("5m")
    Duration interval();

    /**
     * How often each replica looks for projects whose poll is due and claims them: a duration, or {@code off} to
     * stop this replica polling (it is read by the scheduler, hence a string).
     */
    @WithDefault("30s")
    String claimEvery();

    /** The longest a failing project waits between polls; the wait doubles with each failure up to this. */
    @WithDefault("1h")
    Duration maxBackoff();

    /** Most projects one replica claims per round; the rest stay due for the next round or another replica. */
    @WithDefault("20")
    int batchSize();
}
