package io.sdlclens.freshness;

import java.time.Duration;

/** The wait before the next poll of a project whose polls failed {@code failures} times in a row. */
final class Backoff {

    private Backoff() {}

    /** {@code interval × 2^failures}, never more than {@code cap}; no failures is the plain interval. */
    static Duration after(int failures, Duration interval, Duration cap) {
        if (failures <= 0) {
            return min(interval, cap);
        }
        // past 2^30 the product overflows long before it matters: the cap is reached by then anyway
        int shift = Math.min(failures, 30);
        long millis = interval.toMillis();
        long grown = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
        return min(Duration.ofMillis(grown), cap);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
