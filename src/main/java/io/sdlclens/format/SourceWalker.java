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

    private SourceWalker() {}

    /** Walks {@code root}; never throws for I/O problems, which end up in the listing's unreadable paths. */
    public static SourceListing walk(Path root) {
        return new Walk(DIRECTORY_STREAM).run(root);
    }

    static SourceListing walk(Path root, Lister lister) {
        return new Walk(lister).run(root);
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
        private final List<SourceListing.Document> documents = new ArrayList<>();
        private final List<SourceListing.Unreadable> unreadable = new ArrayList<>();
        // Guards against bind-mount style cycles that a no-links rule alone would not stop.
        private final Set<Object> visitedDirectories = new HashSet<>();
        private int skippedLinks;

        private record Pending(Path path, String relativePath, BasicFileAttributes attributes) {
            String sortKey() {
                return attributes.isDirectory() ? relativePath + "/" : relativePath;
            }
        }

        Walk(Lister lister) {
            this.lister = lister;
        }

        SourceListing run(Path root) {
            BasicFileAttributes rootAttributes;
            try {
                rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
            } catch (IOException e) {
                unreadable.add(new SourceListing.Unreadable("", IoFailures.describe(e)));
                return listing();
            }
            if (!rootAttributes.isDirectory()) {
                unreadable.add(new SourceListing.Unreadable("", "not a directory"));
                return listing();
            }

            // An explicit stack instead of recursion: depth is bounded by the heap, not the thread stack.
            Deque<Pending> stack = new ArrayDeque<>();
            stack.push(new Pending(root, "", rootAttributes));
            while (!stack.isEmpty()) {
                Pending next = stack.pop();
                if (next.attributes().isDirectory()) {
                    List<Pending> children = children(next);
                    for (int i = children.size() - 1; i >= 0; i--) {
                        stack.push(children.get(i));
                    }
                } else {
                    documents.add(new SourceListing.Document(
                            next.relativePath(),
                            next.path(),
                            next.attributes().size(),
                            next.attributes().lastModifiedTime().toInstant()));
                }
            }
            return listing();
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
            List<Pending> accepted = new ArrayList<>();
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String relativePath = directory.relativePath().isEmpty() ? name : directory.relativePath() + "/" + name;
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    // Could be a document or a folder of documents that vanished or broke mid-walk.
                    if (!isSkippedDirectory(name)) {
                        unreadable.add(new SourceListing.Unreadable(relativePath, IoFailures.describe(e)));
                    }
                    continue;
                }
                if (attributes.isSymbolicLink()) {
                    skippedLinks++;
                } else if (attributes.isDirectory()) {
                    if (!isSkippedDirectory(name)) {
                        accepted.add(new Pending(entry, relativePath, attributes));
                    }
                } else if (attributes.isRegularFile() && isDocumentName(name)) {
                    accepted.add(new Pending(entry, relativePath, attributes));
                }
            }
            // A folder sorts as its name plus "/": then visiting depth first lists every path in PATH_ORDER
            // ("a-b.md" before "a/b.md"), the order the stored documents are read in.
            accepted.sort(Comparator.comparing(Pending::sortKey, SourceListing.PATH_ORDER));
            return accepted;
        }

        private SourceListing listing() {
            return new SourceListing(documents, skippedLinks, unreadable);
        }
    }
}
