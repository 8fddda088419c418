package io.sdlclens.sync;

import io.sdlclens.format.DocumentReader;
import io.sdlclens.format.FolderConfigFiles;
import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceWalker;
import io.sdlclens.project.SourcePathPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A local project's folder as a document source: the walker lists it, the reader reads it, and a file's change
 * key is its (size, mtime) once the file had been still before it was read.
 */
@ApplicationScoped
public class FolderDocuments implements DocumentSource {

    /**
     * A file's (size, mtime) is trusted to stand for its content only when the file had been still for this long
     * before it was read: a write landing within the filesystem's timestamp granularity after the read could
     * otherwise leave size and mtime unchanged while the bytes changed (the "racy clean" problem). Editors
     * saving a file always move its mtime past the recorded one, so they are always seen.
     */
    static final Duration SETTLE_TIME = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(FolderDocuments.class);

    private final SourcePathPolicy paths;

    public FolderDocuments(SourcePathPolicy paths) {
        this.paths = paths;
    }

    @Override
    public Snapshot open(SyncJob job) {
        String sdlcPath = job.source().sdlcPath();
        Path root = paths.realDirectory(sdlcPath)
                .orElseThrow(() -> new SourceUnavailable("sdlc-studio path not found: " + sdlcPath));
        if (!paths.isAllowed(root)) {
            throw new SourceUnavailable("sdlc-studio path is outside the allowed roots: " + sdlcPath);
        }
        return new Folder(job, root);
    }

    /** The change key of a file with this size and mtime. */
    static String statKey(long size, Instant modified) {
        return "stat:" + size + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, modified);
    }

    private static final class Folder implements Snapshot {
        private final SyncJob job;
        private final Path root;

        Folder(SyncJob job, Path root) {
            this.job = job;
            this.root = root;
        }

        @Override
        public String revision() {
            return null;
        }

        @Override
        public Listing list(Consumer<Entry> sink) {
            SourceWalker.Summary walked = SourceWalker.stream(
                    root,
                    document -> sink.accept(new Entry(
                            document.relativePath(),
                            statKey(document.size(), document.lastModified()),
                            document.lastModified())));
            if (walked.isUncertain("")) {
                throw new SourceUnavailable("sdlc-studio path could not be read: "
                        + walked.unreadable().get(0).reason());
            }
            if (walked.skippedLinks() > 0) {
                LOG.infof(
                        "Sync run %s of %s: skipped %d symbolic link(s)",
                        job.runId(), job.slug(), walked.skippedLinks());
            }
            return new Listing(walked.documents(), walked.unreadable());
        }

        @Override
        public ReadResult read(Entry entry, long maxBytes) {
            return DocumentReader.read(root.resolve(entry.relativePath()), maxBytes);
        }

        @Override
        public String keyAfterRead(Entry entry, Instant readStartedAt) {
            // Only a file that had been still before this read may later be skipped on (size, mtime) alone.
            return entry.modifiedAt().isBefore(readStartedAt.minus(SETTLE_TIME)) ? entry.changeKey() : null;
        }

        @Override
        public ProjectConfig.Input projectFile(String name) {
            return FolderConfigFiles.input(root.resolve(name));
        }

        @Override
        public String emptyWarning() {
            return "no .md files under " + job.source().sdlcPath();
        }

        @Override
        public void close() {
            // nothing held open between calls
        }
    }
}
