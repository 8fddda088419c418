package io.sdlclens.sync;

import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceListing;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a project's documents come from, as the sync sees it: opened once per run, it lists the documents with a
 * change key each and reads the ones whose key moved. A folder and a git repository are its two kinds; everything
 * after the listing (skipping, parsing, fenced writes, deletions, guards) is the engine's and the same for both.
 * Blocking: called on the run's worker.
 */
public interface DocumentSource {

    /**
     * Opens the project's source for one run: a folder is checked, a repository fetched.
     *
     * @throws SourceUnavailable when the source cannot be read at all; the run ends {@code error}, nothing deleted
     */
    Snapshot open(SyncJob job);

    /** One document as listed: {@code changeKey} is equal across runs exactly when the document can be skipped. */
    record Entry(String relativePath, String changeKey, Instant modifiedAt) {}

    /**
     * What a listing found besides its entries: how many there were, and the paths it could not examine
     * (documents at or under them may still exist, so they are never deleted).
     */
    record Listing(int count, List<SourceListing.Unreadable> unreadable) {

        public Listing {
            unreadable = List.copyOf(unreadable);
        }

        boolean isUncertain(String relativePath) {
            return SourceListing.isUncertain(unreadable, relativePath);
        }
    }

    /** The source as one run reads it: a folder as it is now, or one fetched commit. Close it when done. */
    interface Snapshot extends AutoCloseable {

        /** The commit the run reads, stored as {@code last_synced_commit_sha} when it completes; null for folders. */
        String revision();

        /**
         * Lists the documents into {@code sink} as they are found, in {@link SourceListing#PATH_ORDER} (the order the
         * stored documents are merged in). An exception thrown by the sink ends the listing and propagates.
         *
         * @throws SourceUnavailable when the documents' root cannot be listed (nothing was handed to the sink)
         */
        Listing list(Consumer<Entry> sink);

        /** Reads one listed document; safe to call from several threads at once. */
        ReadResult read(Entry entry, long maxBytes);

        /**
         * The change key to store for a document that was just read, or null when the key cannot be trusted yet
         * (a folder's file modified too shortly before {@code readStartedAt}); a null key means "read it next time".
         */
        String keyAfterRead(Entry entry, Instant readStartedAt);

        /** One of the project files ({@link ProjectConfig#CONFIG_FILE}, {@link ProjectConfig#VERSION_FILE}). */
        ProjectConfig.Input projectFile(String name);

        /** The warning of a run that found no documents at all (it syncs, but the source is probably wrong). */
        String emptyWarning();

        @Override
        void close();
    }
}
