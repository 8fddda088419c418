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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(FileSyncEngine.class);
    /** Stored documents read per round trip while merging; two pages are held at most. */
    private static final int STORED_PAGE = 5000;

    private final FolderDocuments folders;
    private final GitDocuments repositories;
    private final DocumentStore store;
    private final SyncConfig config;
    private final ExecutorService readers;
    private final ExecutorService listers;

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
        // one per running sync: a listing only waits on the file system or the repository
        this.listers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sdlc-lens-sync-lister");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stopReaders(@Observes ShutdownEvent event) {
        readers.shutdownNow();
        listers.shutdownNow();
    }

    @Override
    public SyncOutcome run(SyncJob job) {
        DocumentSource source = job.source().isRepository() ? repositories : folders;
        Timings timings = new Timings();
        try (DocumentSource.Snapshot snapshot = source.open(job)) {
            job.checkpoint();
            // the stored state's first page is read while the source is listed
            StoredDocuments stored = new StoredDocuments(job.projectId(), timings);
            // the source is listed on a thread of its own, and merged with the stored state as it comes
            ListedEntries listed = new ListedEntries();
            Future<?> listing = listers.submit(() -> list(job, snapshot, listed, timings));
            try {
                // Read on every run: a changed config must reach the documents, and a broken one only warns.
                ProjectConfig projectConfig = ProjectConfig.parse(
                        snapshot.projectFile(ProjectConfig.CONFIG_FILE),
                        snapshot.projectFile(ProjectConfig.VERSION_FILE));
                List<String> warnings = new ArrayList<>(projectConfig.warnings());
                Run run = new Run(job, snapshot, listed, stored, projectConfig, timings);
                SyncOutcome outcome = run.execute();
                if (run.listedNothing) {
                    warnings.add(snapshot.emptyWarning());
                }
                LOG.infof(
                        "Sync run %s of %s: walk %d ms, stored state %d ms waited, compare %d ms, reads and writes"
                                + " %d ms waited (%d batch(es) on up to %d connection(s))",
                        job.runId(),
                        job.slug(),
                        timings.walk / 1_000_000,
                        timings.storedWait / 1_000_000,
                        timings.compare / 1_000_000,
                        timings.writeWait / 1_000_000,
                        timings.batches,
                        writers());
                if (!outcome.completed()) {
                    // refused (an emptied source): the project's settings stay as they were
                    return outcome.withWarnings(warnings);
                }
                return outcome.withWarnings(warnings)
                        .withSettings(
                                new SyncOutcome.ProjectSettings(projectConfig.schemaVersion(), projectConfig.profile()))
                        .withRevision(snapshot.revision());
            } finally {
                // the snapshot is closed only after its listing stopped
                listed.close();
                awaitQuietly(listing);
            }
        } catch (SourceUnavailable e) {
            return SyncOutcome.aborted(e.getMessage());
        }
    }

    /** On a lister thread: lists the source into {@code listed}, then records the run's total. */
    private void list(SyncJob job, DocumentSource.Snapshot snapshot, ListedEntries listed, Timings timings) {
        try {
            long walkStart = System.nanoTime();
            DocumentSource.Listing listing = snapshot.list(listed::add);
            timings.walk = System.nanoTime() - walkStart;
            // before the last entries are handed over, so the total is in place before the run can end
            store.recordTotal(job, listing.count()).await().atMost(WRITE_TIMEOUT);
            listed.finish(listing);
        } catch (Throwable failure) {
            listed.fail(failure);
        }
    }

    private static void awaitQuietly(Future<?> listing) {
        try {
            listing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // list() hands every failure to the run; nothing is left to report here
        }
    }

    private int writers() {
        return Math.max(1, config.writers());
    }

    /** Where a run spent its time, in nanoseconds; logged once per run. */
    private static final class Timings {
        long walk;
        long storedWait;
        long compare;
        long writeWait;
        int batches;
    }

    /**
     * A project's stored documents in {@link SourceListing#PATH_ORDER}, read in keyset pages: the next page is
     * fetched while the current one is merged, and no more than two pages are held at once.
     */
    private final class StoredDocuments {
        private final long projectId;
        private final Timings timings;
        private List<StoredFile> page = List.of();
        private int position;
        private CompletableFuture<List<StoredFile>> next;
        private boolean exhausted;

        StoredDocuments(long projectId, Timings timings) {
            this.projectId = projectId;
            this.timings = timings;
            this.next = fetch("");
        }

        private CompletableFuture<List<StoredFile>> fetch(String after) {
            return store.page(projectId, after, STORED_PAGE)
                    .ifNoItem()
                    .after(WRITE_TIMEOUT)
                    .fail()
                    .subscribeAsCompletionStage();
        }

        /** The next stored document, or null at the end. */
        StoredFile peek() {
            if (position < page.size()) {
                return page.get(position);
            }
            if (exhausted) {
                return null;
            }
            long waitStart = System.nanoTime();
            page = join(next);
            timings.storedWait += System.nanoTime() - waitStart;
            position = 0;
            if (page.size() < STORED_PAGE) {
                exhausted = true;
                next = null;
            } else {
                next = fetch(page.get(page.size() - 1).filePath());
            }
            return page.isEmpty() ? null : page.get(0);
        }

        void advance() {
            position++;
        }
    }

    /** A listed document to read, with what is stored of it (null when nothing is). */
    private record ToRead(DocumentSource.Entry entry, StoredFile known) {}

    /** The state of one run while it works through the listing. */
    private final class Run {
        private final SyncJob job;
        private final DocumentSource.Snapshot snapshot;
        private final ListedEntries listed;
        private final StoredDocuments stored;
        private final ProjectConfig projectConfig;
        private final ParseKey parseKey;
        private final Timings timings;
        private final Writes writes;
        private final List<FileError> fileErrors = new ArrayList<>();
        private int added;
        private int updated;
        private int skipped;
        private int deleted;
        private int errors;
        /** The source listed no document at all (and nothing was stored): the run warns. */
        private boolean listedNothing;

        private boolean anyStored;

        Run(
                SyncJob job,
                DocumentSource.Snapshot snapshot,
                ListedEntries listed,
                StoredDocuments stored,
                ProjectConfig projectConfig,
                Timings timings) {
            this.job = job;
            this.snapshot = snapshot;
            this.listed = listed;
            this.stored = stored;
            this.projectConfig = projectConfig;
            this.parseKey = ParseKey.of(projectConfig.vocabulary());
            this.timings = timings;
            this.writes = new Writes(this);
        }

        SyncOutcome execute() {
            try {
                List<String> notListed = merge();
                DocumentSource.Listing listing = listed.listing();
                for (SourceListing.Unreadable folder : listing.unreadable()) {
                    error(folder.relativePath(), folder.reason());
                }
                if (listing.count() == 0) {
                    if (anyStored) {
                        return SyncOutcome.aborted(EMPTY_SOURCE_MESSAGE);
                    }
                    listedNothing = true;
                }
                // gone = not listed, and not at or under a path the source could not read (known only now)
                List<String> gone = new ArrayList<>(notListed.size());
                for (String path : notListed) {
                    if (!listing.isUncertain(path)) {
                        gone.add(path);
                    }
                }
                writes.awaitAll();
                // only once every upsert committed: a run that fails on the way deletes nothing
                int batchSize = batchSize();
                for (int start = 0; start < gone.size(); start += batchSize) {
                    List<String> deletions = gone.subList(start, Math.min(gone.size(), start + batchSize));
                    writes.submit(CompletableFuture.completedFuture(new Batch(List.of(), List.of(), deletions)));
                }
                writes.awaitAll();
                job.checkpoint();
                return SyncOutcome.completed(counts(), errorDetails());
            } finally {
                // never return (or fail) while a batch may still commit
                writes.awaitQuietly();
            }
        }

        private int batchSize() {
            return Math.max(1, config.batchSize());
        }

        /**
         * Walks the listing and the stored documents together, both in path order: hands changed documents to the
         * writers batch by batch and returns the stored ones the source did not list.
         */
        private List<String> merge() {
            List<String> notListed = new ArrayList<>();
            int batchSize = batchSize();
            List<ToRead> batch = new ArrayList<>(batchSize);
            long compareStart = System.nanoTime();
            for (DocumentSource.Entry document = listed.next(); document != null; document = listed.next()) {
                String path = document.relativePath();
                StoredFile known = null;
                for (StoredFile next = stored.peek(); next != null; next = stored.peek()) {
                    anyStored = true;
                    int order = SourceListing.comparePaths(next.filePath(), path);
                    if (order > 0) {
                        break;
                    }
                    stored.advance();
                    if (order == 0) {
                        known = next;
                        break;
                    }
                    notListed.add(next.filePath());
                }
                if (known != null && isUnchanged(known, document)) {
                    skipped(1);
                    continue;
                }
                batch.add(new ToRead(document, known));
                if (batch.size() == batchSize) {
                    timings.compare += System.nanoTime() - compareStart;
                    submitRead(batch);
                    compareStart = System.nanoTime();
                    batch = new ArrayList<>(batchSize);
                }
            }
            for (StoredFile next = stored.peek(); next != null; next = stored.peek()) {
                anyStored = true;
                stored.advance();
                notListed.add(next.filePath());
            }
            timings.compare += System.nanoTime() - compareStart;
            if (!batch.isEmpty()) {
                submitRead(batch);
            }
            return notListed;
        }

        /** Skipped without a read: the source's change key is the one stored, and the parse is current. */
        private boolean isUnchanged(StoredFile known, DocumentSource.Entry document) {
            return parseKey.isCurrent(known)
                    && known.changeKey() != null
                    && known.changeKey().equals(document.changeKey());
        }

        /** Reads and parses one batch on the reader pool; its write follows as soon as a writer is free. */
        private void submitRead(List<ToRead> documents) {
            job.checkpoint();
            long maxBytes = config.maxFileSize().asLongValue();
            writes.beforeSubmit();
            List<CompletableFuture<FileResult>> reads = new ArrayList<>(documents.size());
            for (ToRead document : documents) {
                reads.add(CompletableFuture.supplyAsync(() -> readAndParse(document, maxBytes), readers));
            }
            int index = timings.batches;
            CompletableFuture<Batch> batch = CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> collect(index, reads));
            writes.submit(batch);
        }

        /** One batch's read results: per-file errors and skips are counted here, in listing order. */
        private Batch collect(int index, List<CompletableFuture<FileResult>> reads) {
            List<DocumentRow> upserts = new ArrayList<>();
            List<DocumentStore.Restamp> restamps = new ArrayList<>();
            List<FileError> batchErrors = new ArrayList<>();
            int batchSkipped = 0;
            int batchFailures = 0;
            for (CompletableFuture<FileResult> read : reads) {
                FileResult result = read.join();
                if (result.failure() != null) {
                    batchFailures++;
                    if (batchErrors.size() < SyncOutcome.MAX_ERRORS_DETAIL) {
                        batchErrors.add(new FileError(result.filePath(), result.failure()));
                    }
                } else if (result.row() != null) {
                    upserts.add(result.row());
                } else {
                    batchSkipped++;
                    if (result.restamp() != null) {
                        restamps.add(result.restamp());
                    }
                }
            }
            skipped(batchSkipped);
            errors(index, batchFailures, batchErrors);
            return new Batch(upserts, restamps, List.of());
        }

        private FileResult readAndParse(ToRead document, long maxBytes) {
            DocumentSource.Entry entry = document.entry();
            String path = entry.relativePath();
            Instant readAt = Instant.now();
            ReadResult read = snapshot.read(entry, maxBytes);
            if (read instanceof ReadResult.Failure failure) {
                return new FileResult(path, failure.reason(), null, null);
            }
            ReadResult.Success success = (ReadResult.Success) read;
            long modified = micros(entry.modifiedAt());
            String changeKey = snapshot.keyAfterRead(entry, readAt);
            StoredFile known = document.known();
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

        /** Writes one batch, fenced; called on a reader thread. */
        private CompletableFuture<DocumentStore.BatchResult> write(Batch batch) {
            if (batch.upserts().isEmpty()
                    && batch.restamps().isEmpty()
                    && batch.deletions().isEmpty()) {
                return CompletableFuture.completedFuture(new DocumentStore.BatchResult(0, 0, 0));
            }
            return store.writeBatch(
                            job, parseKey, batch.upserts(), batch.restamps(), batch.deletions(), this::progressWith)
                    .ifNoItem()
                    .after(WRITE_TIMEOUT)
                    .fail()
                    .invoke(this::written)
                    .subscribeAsCompletionStage();
        }

        private synchronized void skipped(int count) {
            skipped += count;
        }

        // Counted when a batch's reads are collected; the details are kept in the order of the listing's batches.
        private final Map<Integer, List<FileError>> batchErrorDetails = new TreeMap<>();

        private synchronized void errors(int batch, int count, List<FileError> details) {
            errors += count;
            if (!details.isEmpty()) {
                batchErrorDetails.put(batch, details);
            }
        }

        private synchronized void error(String path, String reason) {
            errors++;
            if (fileErrors.size() < SyncOutcome.MAX_ERRORS_DETAIL) {
                fileErrors.add(new FileError(path, reason));
            }
        }

        private synchronized List<FileError> errorDetails() {
            List<FileError> details = new ArrayList<>(fileErrors);
            for (List<FileError> batch : batchErrorDetails.values()) {
                for (FileError error : batch) {
                    if (details.size() < SyncOutcome.MAX_ERRORS_DETAIL) {
                        details.add(error);
                    }
                }
            }
            return details;
        }

        /** What a batch publishes as it commits: its own result, and the run's skips and errors so far. */
        private synchronized SyncCounts progressWith(DocumentStore.BatchResult batch) {
            return new SyncCounts(batch.added(), batch.updated(), skipped, batch.deleted(), errors);
        }

        private synchronized void written(DocumentStore.BatchResult result) {
            added += result.added();
            updated += result.updated();
            deleted += result.deleted();
        }

        private synchronized SyncCounts counts() {
            return new SyncCounts(added, updated, skipped, deleted, errors);
        }
    }

    /** What one batch writes. */
    private record Batch(List<DocumentRow> upserts, List<DocumentStore.Restamp> restamps, List<String> deletions) {}

    /**
     * The run's batches in flight. A batch is written once its reads are done and a writer is free: batch k waits
     * for batch k - writers, so at most {@code writers} transactions are open at once, and at most one more batch
     * is being read meanwhile, which bounds the memory they hold. The first failure (a lost lease, a database
     * error) stops every batch that has not begun writing; the run ends only after every batch committed or failed.
     */
    private final class Writes {
        private final Run run;
        private final int writers = writers();
        private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Writes(Run run) {
            this.run = run;
        }

        /** Blocks the run's thread until one more batch may be read (at most writers + 1 in flight). */
        void beforeSubmit() {
            while (inFlight.size() > writers) {
                awaitOne(inFlight.poll());
            }
            rethrow();
        }

        void submit(CompletableFuture<Batch> batch) {
            beforeSubmit();
            run.job.checkpoint();
            // the batch writers-back (if still in flight) is the head: this one writes after it, so <= writers at once
            CompletableFuture<Void> turn = inFlight.size() == writers
                    ? inFlight.peekFirst().exceptionally(ignored -> null)
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<Void> done = batch.thenCombine(turn, (ready, ignored) -> ready)
                    .thenComposeAsync(
                            ready -> {
                                // nothing more is written once a batch failed or the run was told to stop
                                rethrow();
                                run.job.checkpoint();
                                return run.write(ready);
                            },
                            readers)
                    .handle((result, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, unwrap(error));
                        }
                        return null;
                    });
            run.timings.batches++;
            inFlight.add(done);
        }

        /** Waits for every batch; throws the first failure. */
        void awaitAll() {
            while (!inFlight.isEmpty()) {
                awaitOne(inFlight.poll());
            }
            rethrow();
        }

        /** Waits for every batch, throwing nothing: the run is already ending with a failure. */
        void awaitQuietly() {
            while (!inFlight.isEmpty()) {
                inFlight.poll().join(); // handled above: never completes exceptionally
            }
        }

        private void awaitOne(CompletableFuture<Void> batch) {
            long waitStart = System.nanoTime();
            batch.join();
            run.timings.writeWait += System.nanoTime() - waitStart;
        }

        private void rethrow() {
            Throwable first = failure.get();
            if (first instanceof RuntimeException e) {
                throw e;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private record FileResult(String filePath, String failure, DocumentRow row, DocumentStore.Restamp restamp) {}

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
