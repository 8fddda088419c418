package io.sdlclens.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.sdlclens.format.DocumentIdentity;
import io.sdlclens.format.DocumentReader;
import io.sdlclens.format.FolderConfigFiles;
import io.sdlclens.format.FrontMatterParser;
import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceListing;
import io.sdlclens.format.SourceWalker;
import io.sdlclens.project.SourcePathPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The sync: walk the project folder, read and parse what changed (in parallel, off the event loop), store it in
 * fenced batches, and delete what is provably gone. A file that cannot be read or decoded is a per-file error:
 * its stored document is kept, never deleted.
 */
@ApplicationScoped
public class FileSyncEngine implements SyncEngine {

    public static final String GIT_NOT_SYNCED_MESSAGE =
            "this version cannot sync git or github projects yet: register the repository's sdlc-studio folder"
                    + " as a local project (a checkout the service can read) to sync it";

    public static final String EMPTY_SOURCE_MESSAGE =
            "source returned no documents - refusing to delete existing documents";

    /**
     * A file's (size, mtime) is trusted to stand for its content only when the file had been still for this long
     * before it was read: a write landing within the filesystem's timestamp granularity after the read could
     * otherwise leave size and mtime unchanged while the bytes changed (the "racy clean" problem). Editors
     * saving a file always move its mtime past the recorded one, so they are always seen.
     */
    static final Duration SETTLE_TIME = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(FileSyncEngine.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final SourcePathPolicy paths;
    private final DocumentStore store;
    private final SyncConfig config;
    private final ExecutorService readers;

    public FileSyncEngine(SourcePathPolicy paths, DocumentStore store, SyncConfig config) {
        this.paths = paths;
        this.store = store;
        this.config = config;
        this.readers =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread thread = new Thread(runnable, "sdlc-lens-sync-reader");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void stopReaders(@Observes ShutdownEvent event) {
        readers.shutdownNow();
    }

    @Override
    public SyncOutcome run(SyncJob job) {
        if (job.sdlcPath() == null) {
            // A git or github project: it can be registered and shown, but this engine reads folders only.
            return SyncOutcome.aborted(GIT_NOT_SYNCED_MESSAGE);
        }
        Optional<Path> root = paths.realDirectory(job.sdlcPath());
        if (root.isEmpty()) {
            return SyncOutcome.aborted("sdlc-studio path not found: " + job.sdlcPath());
        }
        if (!paths.isAllowed(root.get())) {
            return SyncOutcome.aborted("sdlc-studio path is outside the allowed roots: " + job.sdlcPath());
        }
        SourceListing listing = SourceWalker.walk(root.get());
        job.checkpoint();
        if (listing.isUncertain("")) {
            return SyncOutcome.aborted("sdlc-studio path could not be read: "
                    + listing.unreadable().get(0).reason());
        }
        if (listing.skippedLinks() > 0) {
            LOG.infof(
                    "Sync run %s of %s: skipped %d symbolic link(s)", job.runId(), job.slug(), listing.skippedLinks());
        }
        // Read on every run: a changed config must reach the documents, and a broken one only warns.
        ProjectConfig projectConfig = FolderConfigFiles.read(root.get());
        List<String> warnings = new ArrayList<>(projectConfig.warnings());
        Map<String, StoredFile> stored = store.index(job.projectId()).await().atMost(WRITE_TIMEOUT);
        store.recordTotal(job, listing.documents().size()).await().atMost(WRITE_TIMEOUT);
        if (listing.documents().isEmpty()) {
            if (!stored.isEmpty()) {
                return SyncOutcome.aborted(EMPTY_SOURCE_MESSAGE).withWarnings(warnings);
            }
            warnings.add(emptyFolderWarning(job.sdlcPath()));
        }
        return new Run(job, listing, stored, projectConfig)
                .execute()
                .withWarnings(warnings)
                .withSettings(new SyncOutcome.ProjectSettings(projectConfig.schemaVersion(), projectConfig.profile()));
    }

    /** An empty folder syncs (there is nothing to lose), but a person probably registered the wrong one. */
    static String emptyFolderWarning(String path) {
        return "no .md files under " + path;
    }

    /** The state of one run while it works through the listing. */
    private final class Run {
        private final SyncJob job;
        private final SourceListing listing;
        private final Map<String, StoredFile> stored;
        private final ProjectConfig projectConfig;
        private final ParseKey parseKey;
        private final List<FileError> fileErrors = new ArrayList<>();
        private int added;
        private int updated;
        private int skipped;
        private int deleted;
        private int errors;

        Run(SyncJob job, SourceListing listing, Map<String, StoredFile> stored, ProjectConfig projectConfig) {
            this.job = job;
            this.listing = listing;
            this.stored = stored;
            this.projectConfig = projectConfig;
            this.parseKey = ParseKey.of(projectConfig.vocabulary());
        }

        SyncOutcome execute() {
            for (SourceListing.Unreadable folder : listing.unreadable()) {
                error(folder.relativePath(), folder.reason());
            }
            List<SourceListing.Document> toRead = new ArrayList<>();
            for (SourceListing.Document document : listing.documents()) {
                if (isUnchangedByStat(document)) {
                    skipped++;
                } else {
                    toRead.add(document);
                }
            }
            int batchSize = Math.max(1, config.batchSize());
            for (int start = 0; start < toRead.size(); start += batchSize) {
                job.checkpoint();
                processBatch(toRead.subList(start, Math.min(toRead.size(), start + batchSize)));
            }
            List<String> gone = goneDocuments();
            for (int start = 0; start < gone.size(); start += batchSize) {
                job.checkpoint();
                write(List.of(), List.of(), gone.subList(start, Math.min(gone.size(), start + batchSize)));
            }
            job.checkpoint();
            return SyncOutcome.completed(counts(), fileErrors);
        }

        private boolean isUnchangedByStat(SourceListing.Document document) {
            StoredFile known = stored.get(document.relativePath());
            return known != null
                    && parseKey.isCurrent(known)
                    && known.settledMtimeMicros() != null
                    && known.settledMtimeMicros() == micros(document.lastModified())
                    && known.fileSize() == document.size();
        }

        private void processBatch(List<SourceListing.Document> documents) {
            long maxBytes = config.maxFileSize().asLongValue();
            List<CompletableFuture<FileResult>> reads = new ArrayList<>(documents.size());
            for (SourceListing.Document document : documents) {
                reads.add(CompletableFuture.supplyAsync(() -> readAndParse(document, maxBytes), readers));
            }
            List<DocumentRow> upserts = new ArrayList<>();
            List<DocumentStore.Restamp> restamps = new ArrayList<>();
            for (CompletableFuture<FileResult> read : reads) {
                FileResult result = read.join();
                if (result.failure() != null) {
                    error(result.filePath(), result.failure());
                } else if (result.row() != null) {
                    upserts.add(result.row());
                } else {
                    skipped++;
                    if (result.restamp() != null) {
                        restamps.add(result.restamp());
                    }
                }
            }
            job.checkpoint();
            if (!upserts.isEmpty() || !restamps.isEmpty()) {
                write(upserts, restamps, List.of());
            }
        }

        private FileResult readAndParse(SourceListing.Document document, long maxBytes) {
            String path = document.relativePath();
            Instant readAt = Instant.now();
            ReadResult read = DocumentReader.read(document.path(), maxBytes);
            if (read instanceof ReadResult.Failure failure) {
                return new FileResult(path, failure.reason(), null, null);
            }
            ReadResult.Success success = (ReadResult.Success) read;
            long modified = micros(document.lastModified());
            // Only a file that had been still before this read may later be skipped on (size, mtime) alone.
            Long settled = document.lastModified().isBefore(readAt.minus(SETTLE_TIME)) ? modified : null;
            StoredFile known = stored.get(path);
            if (known != null && parseKey.isCurrent(known) && known.fileHash().equals(success.sha256())) {
                return new FileResult(path, null, null, new DocumentStore.Restamp(path, settled, modified));
            }
            DocumentIdentity identity = DocumentIdentity.infer(path);
            return new FileResult(
                    path,
                    null,
                    new DocumentRow(
                            path,
                            identity,
                            FrontMatterParser.parse(success.text(), identity, projectConfig.vocabulary()),
                            success.sha256(),
                            success.size(),
                            settled,
                            modified),
                    null);
        }

        /** Stored documents whose file is provably gone: not listed, and not under a folder the walk could not read. */
        private List<String> goneDocuments() {
            Set<String> live = new HashSet<>(listing.documents().size() * 2);
            for (SourceListing.Document document : listing.documents()) {
                live.add(document.relativePath());
            }
            List<String> gone = new ArrayList<>();
            for (String path : stored.keySet()) {
                if (!live.contains(path) && !listing.isUncertain(path)) {
                    gone.add(path);
                }
            }
            gone.sort(null);
            return gone;
        }

        private void write(List<DocumentRow> upserts, List<DocumentStore.Restamp> restamps, List<String> deletions) {
            DocumentStore.BatchResult result = store.writeBatch(
                            job,
                            parseKey,
                            upserts,
                            restamps,
                            deletions,
                            batch -> new SyncCounts(
                                    added + batch.added(),
                                    updated + batch.updated(),
                                    skipped,
                                    deleted + batch.deleted(),
                                    errors))
                    .await()
                    .atMost(WRITE_TIMEOUT);
            added += result.added();
            updated += result.updated();
            deleted += result.deleted();
        }

        private void error(String path, String reason) {
            errors++;
            if (fileErrors.size() < SyncOutcome.MAX_ERRORS_DETAIL) {
                fileErrors.add(new FileError(path, reason));
            }
        }

        private SyncCounts counts() {
            return new SyncCounts(added, updated, skipped, deleted, errors);
        }
    }

    private record FileResult(String filePath, String failure, DocumentRow row, DocumentStore.Restamp restamp) {}

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
