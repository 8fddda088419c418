package io.sdlclens.sync;

import io.sdlclens.project.SyncStatus;
import java.util.List;

/**
 * How a run ended; {@code counts} is null when the run's recorded progress stands. {@code completed} means it reached its commit point (file errors allowed); only a completed
 * run stamps the project's {@code last_synced_at}.
 */
public record SyncOutcome(
        SyncStatus status, String error, boolean completed, SyncCounts counts, List<FileError> fileErrors) {

    /** Runs keep the first this many file errors in detail; the count covers them all. */
    public static final int MAX_ERRORS_DETAIL = 100;

    public SyncOutcome {
        fileErrors = fileErrors.size() > MAX_ERRORS_DETAIL
                ? List.copyOf(fileErrors.subList(0, MAX_ERRORS_DETAIL))
                : List.copyOf(fileErrors);
    }

    /** A run that went through; an error status when some files could not be synced. */
    public static SyncOutcome completed(SyncCounts counts, List<FileError> fileErrors) {
        if (counts.errors() == 0) {
            return new SyncOutcome(SyncStatus.SYNCED, null, true, counts, fileErrors);
        }
        String message = "%d file(s) could not be synced and were left unchanged; %d added, %d updated, %d deleted."
                .formatted(counts.errors(), counts.added(), counts.updated(), counts.deleted());
        return new SyncOutcome(SyncStatus.ERROR, message, true, counts, fileErrors);
    }

    /** A run that stopped before its commit point without writing anything. */
    public static SyncOutcome aborted(String error) {
        return new SyncOutcome(SyncStatus.ERROR, error, false, SyncCounts.NONE, List.of());
    }

    /**
     * A run stopped part-way (shutdown, failure): its counts are left as its last committed batch recorded them,
     * since those batches stay written.
     */
    public static SyncOutcome interrupted(String error) {
        return new SyncOutcome(SyncStatus.ERROR, error, false, null, List.of());
    }
}
