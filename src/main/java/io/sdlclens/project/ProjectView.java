package io.sdlclens.project;

import io.sdlclens.sync.SyncRunView;
import java.time.Instant;

/** A project as the API shows it. */
public record ProjectView(
        String slug,
        String name,
        String sourceType,
        String sdlcPath,
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
                project.syncStatus,
                project.syncError,
                project.lastSyncedAt,
                documentCount,
                project.createdAt,
                project.updatedAt,
                lastSync);
    }
}
