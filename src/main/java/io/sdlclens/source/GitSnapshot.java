package io.sdlclens.source;

import io.sdlclens.format.DocumentReader;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceWalker;
import io.sdlclens.source.GitSourceException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One fetched commit of a cached repository, read without a working tree: its document listing, blobs and
 * project files. Blocking; close it to release the repository's files. {@link #read} may be called from several
 * threads at once; the other methods from one thread at a time.
 */
public final class GitSnapshot implements AutoCloseable {

    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private final Repository repository;
    private final RevCommit commit;
    private final ObjectReader reader;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    GitSnapshot(Repository repository, RevCommit commit, Runnable onClose) {
        this.repository = repository;
        this.commit = commit;
        this.reader = repository.newObjectReader();
        this.onClose = onClose;
    }

    public FetchedCommit commit() {
        return new FetchedCommit(commit.name(), Instant.ofEpochSecond(commit.getCommitTime()));
    }

    /**
     * Lists the documents under {@code repoPath} ({@code .}, empty or null = the repository root).
     *
     * @throws GitSourceException {@code PATH_NOT_FOUND} when the commit has no folder at {@code repoPath}
     */
    public GitListing list(String repoPath) {
        String path = folderPath(repoPath);
        try {
            ObjectId start = path.isEmpty() ? commit.getTree() : folder(path);
            List<GitListing.Entry> documents = new ArrayList<>();
            int links = 0;
            int submodules = 0;
            try (TreeWalk walk = new TreeWalk(repository, reader)) {
                walk.addTree(start);
                walk.setRecursive(false);
                while (walk.next()) {
                    FileMode mode = walk.getFileMode(0);
                    String name = walk.getNameString();
                    if (FileMode.TREE.equals(mode)) {
                        if (!SourceWalker.isSkippedDirectory(name)) {
                            walk.enterSubtree();
                        }
                    } else if (FileMode.SYMLINK.equals(mode)) {
                        links++;
                    } else if (FileMode.GITLINK.equals(mode)) {
                        submodules++;
                    } else if ((FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode))
                            && SourceWalker.isDocumentName(name)) {
                        // The blob id is all a sync needs to skip a document: no object is opened here (asking a
                        // pack for 10,000 sizes costs more than the rest of the walk).
                        documents.add(new GitListing.Entry(
                                walk.getPathString(), walk.getObjectId(0).name()));
                    }
                }
            }
            return new GitListing(documents, links, submodules);
        } catch (IOException e) {
            throw cacheFailure();
        }
    }

    /**
     * Reads one document blob: {@code file too large} when it is over {@code maxBytes} (decided from the
     * object header, before any content is inflated), otherwise decoded by the document rules.
     */
    public ReadResult read(String blobId, long maxBytes) {
        long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
        // An ObjectReader is not thread-safe and the sync reads blobs in parallel: one reader per read.
        try (ObjectReader blobs = repository.newObjectReader()) {
            ObjectLoader loader = blobs.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB);
            if (loader.getSize() > limit) {
                return DocumentReader.tooLarge();
            }
            return DocumentReader.decode(loader.getBytes((int) limit));
        } catch (MissingObjectException e) {
            return new ReadResult.Failure("unreadable: blob missing from the git cache");
        } catch (IOException | IllegalArgumentException e) {
            return new ReadResult.Failure("unreadable: blob cannot be read from the git cache");
        }
    }

    /**
     * The bytes of a project file such as {@code .config.yaml} or {@code .version} directly in
     * {@code repoPath}; empty when there is no such regular file, or when it is over {@code maxBytes}
     * (a project file that large is not a configuration file).
     */
    public Optional<byte[]> readProjectFile(String repoPath, String fileName, long maxBytes) {
        if (fileName.contains("/")) {
            throw new IllegalArgumentException("a project file name has no folder: " + fileName);
        }
        String folder = folderPath(repoPath);
        String path = folder.isEmpty() ? fileName : folder + "/" + fileName;
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (walk == null) {
                return Optional.empty();
            }
            FileMode mode = walk.getFileMode(0);
            if (!FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
                return Optional.empty();
            }
            ObjectLoader loader = reader.open(walk.getObjectId(0), Constants.OBJ_BLOB);
            if (loader.getSize() > Math.min(maxBytes, MAX_ARRAY_BYTES)) {
                return Optional.empty();
            }
            return Optional.of(loader.getBytes());
        } catch (IOException e) {
            throw cacheFailure();
        }
    }

    private ObjectId folder(String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (walk == null || !FileMode.TREE.equals(walk.getFileMode(0))) {
                throw new GitSourceException(
                        Reason.PATH_NOT_FOUND,
                        "repo_path " + path + " is not a folder in commit "
                                + commit.abbreviate(12).name() + ": check repo_path (use . for the repository root)");
            }
            return walk.getObjectId(0);
        }
    }

    /** {@code repo_path} as a tree path: no leading or trailing slash, {@code .} and empty = root. */
    static String folderPath(String repoPath) {
        String p = repoPath == null ? "" : repoPath.trim();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(".")) {
            p = "";
        }
        for (String segment : p.split("/", -1)) {
            if (!p.isEmpty() && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
                throw new GitSourceException(
                        Reason.PATH_NOT_FOUND,
                        "repo_path must be a folder path inside the repository, without . or ..");
            }
        }
        return p;
    }

    private static GitSourceException cacheFailure() {
        return new GitSourceException(Reason.FAILED, "the git cache could not be read: fetch the repository again");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            reader.close();
            repository.close();
            onClose.run();
        }
    }
}
