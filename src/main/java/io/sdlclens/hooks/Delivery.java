package io.sdlclens.hooks;

import java.util.List;

/**
 * The answer to a webhook delivery: the projects whose sync it started, and those that were syncing already and
 * get one follow-up run.
 */
public record Delivery(List<String> triggered, List<String> queued) {

    static final Delivery NOTHING = new Delivery(List.of(), List.of());

    boolean startedNothing() {
        return triggered.isEmpty() && queued.isEmpty();
    }
}
