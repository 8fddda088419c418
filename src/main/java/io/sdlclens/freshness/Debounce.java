package io.sdlclens.freshness;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a burst of touches into one firing: a key fires once it has been quiet for {@code quiet}, or {@code max}
 * after its first touch if touches keep coming (a tool that writes for a minute still syncs). Not thread-safe;
 * times are {@link System#nanoTime()} values.
 */
final class Debounce<K> {

    private record Pending(long firstNanos, long dueNanos) {}

    private final Map<K, Pending> pending = new LinkedHashMap<>();
    private final long quietNanos;
    private final long maxNanos;

    Debounce(long quietNanos, long maxNanos) {
        this.quietNanos = quietNanos;
        this.maxNanos = Math.max(quietNanos, maxNanos);
    }

    void touch(K key, long now) {
        pending.merge(key, new Pending(now, now + quietNanos), (old, fresh) -> {
            long cap = old.firstNanos() + maxNanos;
            return new Pending(old.firstNanos(), now + quietNanos - cap > 0 ? cap : now + quietNanos);
        });
    }

    /** Removes and returns the keys due at {@code now}. */
    List<K> takeDue(long now) {
        List<K> due = new ArrayList<>();
        for (Iterator<Map.Entry<K, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Pending> entry = it.next();
            if (now - entry.getValue().dueNanos() >= 0) {
                due.add(entry.getKey());
                it.remove();
            }
        }
        return due;
    }

    /** The earliest due time, if anything is pending. */
    OptionalLong nextDue() {
        return pending.values().stream().mapToLong(Pending::dueNanos).reduce((a, b) -> a - b <= 0 ? a : b);
    }

    void forget(K key) {
        pending.remove(key);
    }
}
