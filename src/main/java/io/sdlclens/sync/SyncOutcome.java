package io.sdlclens.sync;

import io.sdlclens.project.SyncStatus;
import java.util.List;

/**
 * How a run ended; {@code counts} is null when the run's recorded progress stands. {@code completed} means it
 * reached its commit point (file errors allowed); only a completed run stamps the project's {@code
 * last_synced_at}.
 *
 * @param warnings what the run wants a person to know that did not make it fail (an empty folder, a malformed
 *     config); stored with the run, at most {@link #MAX_WARNINGS}
 * @param settings what the source's configuration says about the project, to store on it; null when the run
 *     did not get as far as reading it, so the stored values stand
 * @param revision the commit a repository's run read, stored as {@code last_synced_commit_sha} when the run
 *     completes; null for folders and for runs that did not get that far
 */
public record SyncOutcome(
        SyncStatus status,
        String error,
        boolean completed,
        SyncCounts counts,
        List<FileError> fileErrors,
        List<String> warnings,
        ProjectSettings settings,
        String revision) {

    /** Runs keep the first this many file errors in detail; the count covers them all. */
    public static final int MAX_ERRORS_DETAIL = 100;

    /** Runs keep at most this many warnings. */
    public static final int MAX_WARNINGS = 20;

    /** The project's {@code schema_version} and {@code profile}, as its configuration gives them (each nullable). */
    public record ProjectSettings(String schemaVersion, String profile) {}

    public SyncOutcome {
        fileErrors = fileErrors.size() > MAX_ERRORS_DETAIL
                ? List.copyOf(fileErrors.subList(0, MAX_ERRORS_DETAIL))
                : List.copyOf(fileErrors);
        warnings =
                warnings.size() > MAX_WARNINGS ? List.copyOf(warnings.subList(0, MAX_WARNINGS)) : List.copyOf(warnings);
    }

    /** A run that went through; an error status when some files could not be synced. */
    public static SyncOutcome completed(SyncCounts counts, List<FileError> fileErrors) {
        if (counts.errors() == 0) {
            return new SyncOutcome(SyncStatus.SYNCED, null, true, counts, fileErrors, List.of(), null, null);
        }
        String message = "%d file(s) could not be synced and were left unchanged; %d added, %d updated, %d deleted."
                .formatted(counts.errors(), counts.added(), counts.updated(), counts.deleted());
        return new SyncOutcome(SyncStatus.ERROR, message, true, counts, fileErrors, List.of(), null, null);
    }

    /** A run that stopped before its commit point without writing anything. */
    public static SyncOutcome aborted(String error) {
        return new SyncOutcome(SyncStatus.ERROR, error, false, SyncCounts.NONE, List.of(), List.of(), null, null);
    }

    /**
     * A run stopped part-way (shutdown, failure): its counts are left as its last committed batch recorded them,
     * since those batches stay written.
     */
    public static SyncOutcome interrupted(String error) {
        return new SyncOutcome(SyncStatus.ERROR, error, false, null, List.of(), List.of(), null, null);
    }

    /** This outcome, carrying {@code runWarnings} too. */
    public SyncOutcome withWarnings(List<String> runWarnings) {
        return new SyncOutcome(status, error, completed, counts, fileErrors, runWarnings, settings, revision);
    }

    /** This outcome, recording that the run read {@code commit}. */
    public SyncOutcome withRevision(String commit) {
        return new SyncOutcome(status, error, completed, counts, fileErrors, warnings, settings, commit);
    }

    /** This outcome, storing {@code projectSettings} on the project when it is written. */
    public SyncOutcome withSettings(ProjectSettings projectSettings) {
        return new SyncOutcome(status, error, completed, counts, fileErrors, warnings, projectSettings, revision);
    }
}
