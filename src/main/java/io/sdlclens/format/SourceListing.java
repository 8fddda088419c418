package io.sdlclens.format;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a walk of a project folder found.
 *
 * @param documents live document files in {@link #PATH_ORDER} of their relative paths
 * @param skippedLinks symbolic links seen and not followed
 * @param unreadable paths the walk saw but could not examine (a folder it could not list, an entry it could
 *     not stat). Documents at or under these paths may still exist: see {@link #isUncertain(String)}.
 */
public record SourceListing(List<Document> documents, int skippedLinks, List<Unreadable> unreadable) {

    /** A document file; {@code relativePath} uses {@code /} separators. */
    public record Document(String relativePath, Path path, long size, Instant lastModified) {}

    /** A path the walk could not examine; the empty relative path means the root itself. */
    public record Unreadable(String relativePath, String reason) {}

    /**
     * The order of relative paths: by Unicode code point, which is the byte order of their UTF-8 and so
     * PostgreSQL's {@code COLLATE "C"} order. (String's own order compares UTF-16 units and puts characters
     * beyond U+FFFF before U+E000..U+FFFF.)
     */
    public static final Comparator<String> PATH_ORDER = SourceListing::comparePaths;

    public static int comparePaths(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // only a surrogate against a non-surrogate at or above U+E000 orders differently by code point
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

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
