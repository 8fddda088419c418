package io.sdlclens.project;

import io.sdlclens.sync.SyncRunView;
import java.time.Instant;

/**
 * A project as the API shows it: never its token, only {@code maskedToken}. {@code schemaVersion} and {@code profile} are null until a sync has read them from
 * the source's config; {@code schemaVersion} is a string, exactly as the YAML writes it ({@code "3"}, {@code
 * "3.10"}), since it names a version rather than counts anything.
 */
public record ProjectView(
        String slug,
        String name,
        String sourceType,
        String sdlcPath,
        String repoUrl,
        String repoBranch,
        String repoPath,
        Long connectionId,
        String maskedToken,
        boolean autoSync,
        String lastSyncedCommitSha,
        String schemaVersion,
        String profile,
        SyncStatus syncStatus,
        String syncError,
        Instant lastSyncedAt,
        long documentCount,
        Instant createdAt,
        Instant updatedAt,
        SyncRunView lastSync) {

    public static ProjectView of(Project project, long documentCount, SyncRunView lastSync) {
        return new ProjectView(
                project.slug,
                project.name,
                project.sourceType,
                project.sdlcPath,
                project.repoUrl,
                project.repoBranch,
                project.repoPath,
                project.connectionId,
                project.maskedToken,
                project.autoSync,
                project.lastSyncedCommitSha,
                project.schemaVersion,
                project.profile,
                project.syncStatus,
                project.syncError,
                project.lastSyncedAt,
                documentCount,
                project.createdAt,
                project.updatedAt,
                lastSync);
    }
}
