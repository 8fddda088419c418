package io.sdlclens.sync;

/** What a run did to the stored documents. */
public record SyncCounts(int added, int updated, int skipped, int deleted, int errors) {

    public static final SyncCounts NONE = new SyncCounts(0, 0, 0, 0, 0);
}
