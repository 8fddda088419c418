package io.sdlclens.events;

import java.util.UUID;

/**
 * The {@code sync-progress} event's data: a run's counts as last committed. {@code total} is the number of files
 * the run listed, null until it has listed them.
 */
public record SyncProgress(
        String slug,
        UUID runId,
        int added,
        int updated,
        int skipped,
        int deleted,
        int errors,
        Integer total,
        boolean completed) {}
