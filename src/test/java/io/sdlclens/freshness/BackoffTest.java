package io.sdlclens.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void doublesWithEachFailureUpToTheCap() {
        assertThat(Backoff.after(0, INTERVAL, CAP)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(1, INTERVAL, CAP)).isEqualTo(Duration.ofMinutes(10));
        assertThat(Backoff.after(2, INTERVAL, CAP)).isEqualTo(Duration.ofMinutes(20));
        assertThat(Backoff.after(3, INTERVAL, CAP)).isEqualTo(Duration.ofMinutes(40));
        assertThat(Backoff.after(4, INTERVAL, CAP)).isEqualTo(CAP);
        assertThat(Backoff.after(1_000, INTERVAL, CAP)).isEqualTo(CAP);
        assertThat(Backoff.after(Integer.MAX_VALUE, INTERVAL, CAP)).isEqualTo(CAP);
    }

    @Test
    void anIntervalAboveTheCapIsCapped() {
        assertThat(Backoff.after(0, Duration.ofHours(2), CAP)).isEqualTo(CAP);
    }
}
