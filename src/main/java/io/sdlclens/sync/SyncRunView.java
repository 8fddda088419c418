package io.sdlclens.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sdlclens.project.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as the API shows it; {@code errorsDetail} is left out where the contract omits it (a project's last_sync).
 * {@code warnings} is always there, empty when the run had none.
 */
public record SyncRunView(
        UUID runId,
        SyncStatus status,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        int added,
        int updated,
        int skipped,
        int deleted,
        int errors,
        boolean completed,
        String error,
        List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FileError> errorsDetail) {

    public SyncRunView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static SyncRunView of(SyncRun run, List<FileError> errorsDetail) {
        return new SyncRunView(
                run.runId,
                run.status,
                run.startedAt,
                run.finishedAt,
                run.heartbeatAt,
                run.added,
                run.updated,
                run.skipped,
                run.deleted,
                run.errors,
                run.completed,
                run.error,
                run.warnings == null ? List.of() : List.of(run.warnings),
                errorsDetail);
    }
}
