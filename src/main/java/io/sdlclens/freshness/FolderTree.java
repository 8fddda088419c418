package io.sdlclens.freshness;

import io.sdlclens.format.SourceWalker;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The folders of a project tree that hold documents, as the sync walks them; blocking file I/O. */
final class FolderTree {

    /**
     * File systems whose change events come only from this machine's own writes (or not at all): a save made on
     * another machine is never announced, so such folders are rescanned rather than trusted to events.
     */
    private static final Set<String> REMOTE_TYPES = Set.of(
            "nfs",
            "nfs4",
            "cifs",
            "smb",
            "smb2",
            "smb3",
            "smbfs",
            "9p",
            "virtiofs",
            "afs",
            "ceph",
            "glusterfs",
            "lustre",
            "gpfs",
            "davfs",
            "fuse",
            "fuseblk");

    private FolderTree() {}

    /** Called for each folder before its children are listed; false stops the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean enter(Path directory) throws IOException;
    }

    /**
     * Visits {@code top} and the folders under it that the sync would walk (hidden and tool folders skipped, links
     * never followed). Each folder is visited before it is listed, so a watch registered on the visit misses no
     * child: one created before the listing is listed, one created after raises an event. A folder that vanishes
     * or cannot be listed while being walked is passed over: the sync reports what it cannot read.
     *
     * @return false when the visitor stopped the walk
     * @throws IOException what the visitor threw
     */
    static boolean walk(Path top, Visitor visitor) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            Path directory = pending.pop();
            if (!visitor.enter(directory)) {
                return false;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
                for (Path child : children) {
                    if (!SourceWalker.isSkippedDirectory(child.getFileName().toString())
                            && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        pending.push(child);
                    }
                }
            } catch (IOException | DirectoryIteratorException | SecurityException e) {
                // listed as far as it could be
            }
        }
        return true;
    }

    /** What tells one folder from another put in its place (the inode on Linux), or null when unknown. */
    static Object identity(Path folder) {
        try {
            return Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The file system type when {@code folder} lies on a network or user-space volume, else empty. */
    static Optional<String> remoteVolume(Path folder) {
        try {
            String type = Files.getFileStore(folder).type().toLowerCase(Locale.ROOT);
            return REMOTE_TYPES.contains(type) || type.startsWith("fuse.") ? Optional.of(type) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
