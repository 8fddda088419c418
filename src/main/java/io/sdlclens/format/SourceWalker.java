package io.sdlclens.format;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Lists the live document files under a project folder.
 *
 * <p>Symbolic links are never followed (they may point outside the allowed roots, or loop); only the root
 * itself may be a link, since it is configured by an operator. Nothing here throws for a problem with one
 * folder or file: it is reported in {@link SourceListing#unreadable()} so the caller keeps the documents it
 * could not see instead of deleting them.
 */
public final class SourceWalker {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(
            "node_modules",
            ".venv",
            ".git",
            ".hg",
            ".svn",
            "__pycache__",
            ".tox",
            ".mypy_cache",
            ".pytest_cache",
            ".ruff_cache",
            "dist",
            "build",
            ".eggs");

    /** Lists a directory's entries; replaceable in tests to simulate folders that fail mid-walk. */
    @FunctionalInterface
    interface Lister {
        List<Path> list(Path directory) throws IOException;
    }

    private static final Lister DIRECTORY_STREAM = directory -> {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path child : stream) {
                children.add(child);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return children;
    };

    /** Folders with at least this many entries are examined on every core. */
    private static final int PARALLEL_STAT_MIN = 256;

    private SourceWalker() {}

    /**
     * What a streamed walk saw besides its documents.
     *
     * @param documents how many documents went to the sink
     * @param skippedLinks symbolic links seen and not followed
     * @param unreadable as {@link SourceListing#unreadable()}
     */
    public record Summary(int documents, int skippedLinks, List<SourceListing.Unreadable> unreadable) {

        public Summary {
            unreadable = List.copyOf(unreadable);
        }

        /** @see SourceListing#isUncertain(String) */
        public boolean isUncertain(String relativePath) {
            return SourceListing.isUncertain(unreadable, relativePath);
        }
    }

    /** Walks {@code root}; never throws for I/O problems, which end up in the listing's unreadable paths. */
    public static SourceListing walk(Path root) {
        return walk(root, DIRECTORY_STREAM);
    }

    static SourceListing walk(Path root, Lister lister) {
        List<SourceListing.Document> documents = new ArrayList<>();
        Summary summary = new Walk(lister, documents::add).run(root);
        return new SourceListing(documents, summary.skippedLinks(), summary.unreadable());
    }

    /**
     * Walks {@code root}, handing each document to {@code sink} as it is found, in {@link SourceListing#PATH_ORDER}
     * (a big folder is listed whole first, so a caller need not hold the whole tree). A folder that cannot be read
     * is reported only when the walk reaches it, so a caller deciding that a path is gone must wait for the
     * summary. An exception thrown by the sink ends the walk and propagates.
     */
    public static Summary stream(Path root, Consumer<SourceListing.Document> sink) {
        return new Walk(DIRECTORY_STREAM, sink).run(root);
    }

    /** A document is a regular file named {@code *.md} (case-sensitive), except {@code _index.md}. */
    public static boolean isDocumentName(String fileName) {
        return fileName.endsWith(".md") && !fileName.equals("_index.md");
    }

    /** Hidden folders and tool/build output are not project documentation. */
    public static boolean isSkippedDirectory(String name) {
        return name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name);
    }

    private static final class Walk {
        private final Lister lister;
        private final Consumer<SourceListing.Document> sink;
        private int documents;
        private final List<SourceListing.Unreadable> unreadable = new ArrayList<>();
        // Guards against bind-mount style cycles that a no-links rule alone would not stop.
        private final Set<Object> visitedDirectories = new HashSet<>();
        private int skippedLinks;

        private record Pending(Path path, String name, String relativePath, BasicFileAttributes attributes) {
            // siblings share their folder's path, so their names alone decide their order
            String sortKey() {
                return attributes.isDirectory() ? name + "/" : name;
            }
        }

        Walk(Lister lister, Consumer<SourceListing.Document> sink) {
            this.lister = lister;
            this.sink = sink;
        }

        Summary run(Path root) {
            BasicFileAttributes rootAttributes;
            try {
                rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
            } catch (IOException e) {
                unreadable.add(new SourceListing.Unreadable("", IoFailures.describe(e)));
                return summary();
            }
            if (!rootAttributes.isDirectory()) {
                unreadable.add(new SourceListing.Unreadable("", "not a directory"));
                return summary();
            }

            // An explicit stack instead of recursion: depth is bounded by the heap, not the thread stack.
            Deque<Pending> stack = new ArrayDeque<>();
            stack.push(new Pending(root, "", "", rootAttributes));
            while (!stack.isEmpty()) {
                Pending next = stack.pop();
                if (next.attributes().isDirectory()) {
                    List<Pending> children = children(next);
                    for (int i = children.size() - 1; i >= 0; i--) {
                        stack.push(children.get(i));
                    }
                } else {
                    documents++;
                    sink.accept(new SourceListing.Document(
                            next.relativePath(),
                            next.path(),
                            next.attributes().size(),
                            next.attributes().lastModifiedTime().toInstant()));
                }
            }
            return summary();
        }

        /** The directory's documents and sub-directories to visit, in path order. */
        private List<Pending> children(Pending directory) {
            Object key = directory.attributes().fileKey();
            if (key != null && !visitedDirectories.add(key)) {
                return List.of();
            }
            List<Path> entries;
            try {
                entries = lister.list(directory.path());
            } catch (IOException e) {
                unreadable.add(new SourceListing.Unreadable(directory.relativePath(), IoFailures.describe(e)));
                return List.of();
            }
            // Most of a walk is one lstat per entry; a big folder's run on every core (a parallel stream: the
            // common pool plus this thread, so it cannot starve), its results then taken in order on this thread.
            Object[] stats = new Object[entries.size()];
            IntStream indices = IntStream.range(0, stats.length);
            (stats.length >= PARALLEL_STAT_MIN ? indices.parallel() : indices)
                    .forEach(i -> stats[i] = lstat(entries.get(i)));
            List<Pending> accepted = new ArrayList<>();
            for (int i = 0; i < stats.length; i++) {
                Path entry = entries.get(i);
                String name = entry.getFileName().toString();
                String relativePath = directory.relativePath().isEmpty() ? name : directory.relativePath() + "/" + name;
                if (stats[i] instanceof IOException e) {
                    // Could be a document or a folder of documents that vanished or broke mid-walk.
                    if (!isSkippedDirectory(name)) {
                        unreadable.add(new SourceListing.Unreadable(relativePath, IoFailures.describe(e)));
                    }
                    continue;
                }
                BasicFileAttributes attributes = (BasicFileAttributes) stats[i];
                if (attributes.isSymbolicLink()) {
                    skippedLinks++;
                } else if (attributes.isDirectory()) {
                    if (!isSkippedDirectory(name)) {
                        accepted.add(new Pending(entry, name, relativePath, attributes));
                    }
                } else if (attributes.isRegularFile() && isDocumentName(name)) {
                    accepted.add(new Pending(entry, name, relativePath, attributes));
                }
            }
            // A folder sorts as its name plus "/": then visiting depth first lists every path in PATH_ORDER
            // ("a-b.md" before "a/b.md"), the order the stored documents are read in.
            accepted.sort(Comparator.comparing(Pending::sortKey, SourceListing.PATH_ORDER));
            return accepted;
        }

        /** The entry's attributes, or the IOException that kept them from being read. */
        private static Object lstat(Path entry) {
            try {
                return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return e;
            }
        }

        private Summary summary() {
            return new Summary(documents, skippedLinks, unreadable);
        }
    }
}
