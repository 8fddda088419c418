package io.sdlclens.sync;

import io.sdlclens.format.SourceListing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One run's listing on its way from the thread that lists the source to the run's thread that merges it with the
 * stored documents, in chunks and in path order, so the two overlap. Adding never blocks: the listing ends (and
 * its total is known) as soon as the source is walked, however far behind the writes hold the merge. Closing it
 * from the run's side makes the next {@link #add} throw, which ends the listing.
 */
final class ListedEntries {

    /** Entries handed over at once: small enough to start merging at once, big enough to keep hand-overs rare. */
    private static final int CHUNK = 512;

    private final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    // the listing thread's
    private List<DocumentSource.Entry> filling = new ArrayList<>(CHUNK);

    // the run thread's
    private List<DocumentSource.Entry> current = List.of();
    private int position;
    private String previousPath;
    private DocumentSource.Listing listing;

    /** A run of entries; the last one carries the listing's outcome (or its failure) instead. */
    private record Chunk(List<DocumentSource.Entry> entries, DocumentSource.Listing listing, Throwable failure) {}

    /** Thrown to the source when the run no longer takes entries. */
    static final class Closed extends CancellationException {
        Closed() {
            super("the run stopped taking entries");
        }
    }

    /** Listing side: one more entry. @throws Closed once the run side closed */
    void add(DocumentSource.Entry entry) {
        if (closed) {
            throw new Closed();
        }
        filling.add(entry);
        if (filling.size() == CHUNK) {
            chunks.add(new Chunk(filling, null, null));
            filling = new ArrayList<>(CHUNK);
        }
    }

    /** Listing side: the listing is complete. */
    void finish(DocumentSource.Listing outcome) {
        chunks.add(new Chunk(filling, outcome, null));
        filling = null;
    }

    /** Listing side: the listing failed; entries not yet handed over are dropped. */
    void fail(Throwable failure) {
        chunks.add(new Chunk(List.of(), null, failure));
        filling = null;
    }

    /** Run side: no more entries are wanted. */
    void close() {
        closed = true;
    }

    /**
     * Run side: the next entry, or null once the listing is complete.
     *
     * @throws SourceUnavailable or whatever else ended the listing
     * @throws IllegalStateException when the source broke the path order the merge depends on
     */
    DocumentSource.Entry next() {
        while (position == current.size()) {
            if (listing != null) {
                return null;
            }
            Chunk chunk = take();
            if (chunk.failure() != null) {
                throw rethrown(chunk.failure());
            }
            current = chunk.entries();
            position = 0;
            listing = chunk.listing();
        }
        DocumentSource.Entry entry = current.get(position++);
        String path = entry.relativePath();
        // a merge out of order would call stored documents gone that are not: stop the run instead
        if (previousPath != null && SourceListing.comparePaths(previousPath, path) >= 0) {
            throw new IllegalStateException("the source listed " + path + " after " + previousPath);
        }
        previousPath = path;
        return entry;
    }

    /** Run side, after {@link #next()} returned null: what the listing found besides its entries. */
    DocumentSource.Listing listing() {
        if (listing == null) {
            throw new IllegalStateException("the listing is not complete");
        }
        return listing;
    }

    private Chunk take() {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException stopped = new CancellationException("the run was interrupted");
            stopped.initCause(e);
            throw stopped;
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }
}
