package io.sdlclens.format;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything a walk of a project folder found.
 *
 * @param documents live document files, depth first, each folder's entries in name order
 * @param skippedLinks symbolic links seen and not followed
 * @param unreadable paths the walk saw but could not examine (a folder it could not list, an entry it could
 *     not stat). Documents at or under these paths may still exist: see {@link #isUncertain(String)}.
 */
public record SourceListing(List<Document> documents, int skippedLinks, List<Unreadable> unreadable) {

    /** A document file; {@code relativePath} uses {@code /} separators. */
    public record Document(String relativePath, Path path, long size, Instant lastModified) {}

    /** A path the walk could not examine; the empty relative path means the root itself. */
    public record Unreadable(String relativePath, String reason) {}

    public SourceListing {
        documents = List.copyOf(documents);
        unreadable = List.copyOf(unreadable);
    }

    /** True when the walk saw every folder and entry, so a path missing from it is really gone. */
    public boolean isComplete() {
        return unreadable.isEmpty();
    }

    /**
     * True when the walk cannot tell whether {@code relativePath} still exists because it is at or under an
     * unreadable path. Callers must not delete such a document: could not read is not deleted.
     */
    public boolean isUncertain(String relativePath) {
        return isUncertain(unreadable, relativePath);
    }

    /** The rule of {@link #isUncertain(String)} for any list of unreadable paths. */
    public static boolean isUncertain(List<Unreadable> unreadable, String relativePath) {
        for (Unreadable u : unreadable) {
            String p = u.relativePath();
            if (p.isEmpty() || relativePath.equals(p) || relativePath.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }
}
