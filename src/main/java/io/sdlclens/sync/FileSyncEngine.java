package io.sdlclens.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.sdlclens.format.DocumentIdentity;
import io.sdlclens.format.FrontMatterParser;
import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceListing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sync, for every kind of source: open the project's {@link DocumentSource} (a folder, or a fetched commit of
 * a repository), read and parse what its change keys say changed (in parallel, off the event loop), store it in
 * fenced batches, and delete what is provably gone. A file that cannot be read or decoded is a per-file error: its
 * stored document is kept, never deleted.
 */
@ApplicationScoped
public class FileSyncEngine implements SyncEngine {

    public static final String EMPTY_SOURCE_MESSAGE =
            "source returned no documents - refusing to delete existing documents";

    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final FolderDocuments folders;
    private final GitDocuments repositories;
    private final DocumentStore store;
    private final SyncConfig config;
    private final ExecutorService readers;

    public FileSyncEngine(FolderDocuments folders, GitDocuments repositories, DocumentStore store, SyncConfig config) {
        this.folders = folders;
        this.repositories = repositories;
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
        DocumentSource source = job.source().isRepository() ? repositories : folders;
        try (DocumentSource.Snapshot snapshot = source.open(job)) {
            job.checkpoint();
            DocumentSource.Listing listing = snapshot.list();
            job.checkpoint();
            // Read on every run: a changed config must reach the documents, and a broken one only warns.
            ProjectConfig projectConfig = ProjectConfig.parse(
                    snapshot.projectFile(ProjectConfig.CONFIG_FILE), snapshot.projectFile(ProjectConfig.VERSION_FILE));
            List<String> warnings = new ArrayList<>(projectConfig.warnings());
            Map<String, StoredFile> stored =
                    store.index(job.projectId()).await().atMost(WRITE_TIMEOUT);
            store.recordTotal(job, listing.entries().size()).await().atMost(WRITE_TIMEOUT);
            if (listing.entries().isEmpty()) {
                if (!stored.isEmpty()) {
                    return SyncOutcome.aborted(EMPTY_SOURCE_MESSAGE).withWarnings(warnings);
                }
                warnings.add(snapshot.emptyWarning());
            }
            return new Run(job, snapshot, listing, stored, projectConfig)
                    .execute()
                    .withWarnings(warnings)
                    .withSettings(
                            new SyncOutcome.ProjectSettings(projectConfig.schemaVersion(), projectConfig.profile()))
                    .withRevision(snapshot.revision());
        } catch (SourceUnavailable e) {
            return SyncOutcome.aborted(e.getMessage());
        }
    }

    /** The state of one run while it works through the listing. */
    private final class Run {
        private final SyncJob job;
        private final DocumentSource.Snapshot snapshot;
        private final DocumentSource.Listing listing;
        private final Map<String, StoredFile> stored;
        private final ProjectConfig projectConfig;
        private final ParseKey parseKey;
        private final List<FileError> fileErrors = new ArrayList<>();
        private int added;
        private int updated;
        private int skipped;
        private int deleted;
        private int errors;

        Run(
                SyncJob job,
                DocumentSource.Snapshot snapshot,
                DocumentSource.Listing listing,
                Map<String, StoredFile> stored,
                ProjectConfig projectConfig) {
            this.job = job;
            this.snapshot = snapshot;
            this.listing = listing;
            this.stored = stored;
            this.projectConfig = projectConfig;
            this.parseKey = ParseKey.of(projectConfig.vocabulary());
        }

        SyncOutcome execute() {
            for (SourceListing.Unreadable folder : listing.unreadable()) {
                error(folder.relativePath(), folder.reason());
            }
            List<DocumentSource.Entry> toRead = new ArrayList<>();
            for (DocumentSource.Entry document : listing.entries()) {
                if (isUnchanged(document)) {
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

        /** Skipped without a read: the source's change key is the one stored, and the parse is current. */
        private boolean isUnchanged(DocumentSource.Entry document) {
            StoredFile known = stored.get(document.relativePath());
            return known != null
                    && parseKey.isCurrent(known)
                    && known.changeKey() != null
                    && known.changeKey().equals(document.changeKey());
        }

        private void processBatch(List<DocumentSource.Entry> documents) {
            long maxBytes = config.maxFileSize().asLongValue();
            List<CompletableFuture<FileResult>> reads = new ArrayList<>(documents.size());
            for (DocumentSource.Entry document : documents) {
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

        private FileResult readAndParse(DocumentSource.Entry document, long maxBytes) {
            String path = document.relativePath();
            Instant readAt = Instant.now();
            ReadResult read = snapshot.read(document, maxBytes);
            if (read instanceof ReadResult.Failure failure) {
                return new FileResult(path, failure.reason(), null, null);
            }
            ReadResult.Success success = (ReadResult.Success) read;
            long modified = micros(document.modifiedAt());
            String changeKey = snapshot.keyAfterRead(document, readAt);
            StoredFile known = stored.get(path);
            if (known != null && parseKey.isCurrent(known) && known.fileHash().equals(success.sha256())) {
                return new FileResult(path, null, null, new DocumentStore.Restamp(path, changeKey, modified));
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
                            changeKey,
                            modified),
                    null);
        }

        /** Stored documents whose file is provably gone: not listed, and not under a path the source could not read. */
        private List<String> goneDocuments() {
            Set<String> live = new HashSet<>(listing.entries().size() * 2);
            for (DocumentSource.Entry document : listing.entries()) {
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
