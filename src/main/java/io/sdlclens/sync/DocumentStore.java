package io.sdlclens.sync;

import io.sdlclens.document.DocumentGeneration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sync's writes of documents: multi-row statements over the reactive pool, each batch one short transaction
 * that first takes the run's fence ({@link SyncLease#lock}), so a run that lost its lease writes nothing.
 * Postgres maintains the search vector itself as rows change.
 */
@ApplicationScoped
public class DocumentStore {

    // Keyset pages in PATH_ORDER (code points = COLLATE "C"), served by document_path_order_idx.
    private static final String PAGE = """
            SELECT file_path, file_hash, parser_epoch, status_vocab_hash, change_key
              FROM document WHERE project_id = $1 AND file_path COLLATE "C" > $2
             ORDER BY file_path COLLATE "C" LIMIT $3
            """;

    // One statement for the whole batch; (xmax = 0) tells an inserted row from an updated one.
    private static final String UPSERT = """
            INSERT INTO document (project_id, file_path, doc_type, doc_id, ref_id, title, status, owner, priority,
                                  story_points, epic, story, depends_on, aliases, metadata, content, file_hash,
                                  file_size, change_key, parser_epoch, status_vocab_hash, modified_at, synced_at,
                                  last_run_id)
            SELECT $1, r.file_path, r.doc_type, r.doc_id, r.ref_id, r.title, r.status, r.owner, r.priority,
                   r.story_points, r.epic, r.story,
                   ARRAY(SELECT jsonb_array_elements_text(r.depends_on::jsonb)),
                   ARRAY(SELECT jsonb_array_elements_text(r.aliases::jsonb)),
                   r.metadata::jsonb, r.content, r.file_hash, r.file_size, r.change_key, $3, $23,
                   to_timestamp(r.modified_us / 1000000.0), clock_timestamp(), $2
              FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                          $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[],
                          $17::text[], $18::text[], $19::text[], $20::bigint[], $21::text[], $22::bigint[])
                   AS r(file_path, doc_type, doc_id, ref_id, title, status, owner, priority, story_points, epic,
                        story, depends_on, aliases, metadata, content, file_hash, file_size, change_key,
                        modified_us)
            ON CONFLICT (project_id, file_path) DO UPDATE SET
                doc_type = EXCLUDED.doc_type, doc_id = EXCLUDED.doc_id, ref_id = EXCLUDED.ref_id,
                title = EXCLUDED.title, status = EXCLUDED.status, owner = EXCLUDED.owner,
                priority = EXCLUDED.priority, story_points = EXCLUDED.story_points, epic = EXCLUDED.epic,
                story = EXCLUDED.story, depends_on = EXCLUDED.depends_on, aliases = EXCLUDED.aliases,
                metadata = EXCLUDED.metadata, content = EXCLUDED.content, file_hash = EXCLUDED.file_hash,
                file_size = EXCLUDED.file_size, change_key = EXCLUDED.change_key,
                parser_epoch = EXCLUDED.parser_epoch,
                status_vocab_hash = EXCLUDED.status_vocab_hash, modified_at = EXCLUDED.modified_at,
                synced_at = EXCLUDED.synced_at, last_run_id = EXCLUDED.last_run_id
            RETURNING (xmax = 0) AS inserted
            """;

    // An unchanged document whose change key moved (a checkout or a touch moved a file's mtime): remember the new
    // key so the next run can skip reading it again. The content and its search vector are left alone.
    private static final String RESTAMP = """
            UPDATE document d
               SET change_key = r.change_key, modified_at = to_timestamp(r.modified_us / 1000000.0)
              FROM unnest($2::text[], $3::text[], $4::bigint[]) AS r(file_path, change_key, modified_us)
             WHERE d.project_id = $1 AND d.file_path = r.file_path
            """;

    private static final String DELETE = "DELETE FROM document WHERE project_id = $1 AND file_path = ANY($2::text[])";

    private final Pool pool;
    private final SyncLease lease;
    private final DocumentGeneration generation;

    public DocumentStore(Pool pool, SyncLease lease, DocumentGeneration generation) {
        this.pool = pool;
        this.lease = lease;
        this.generation = generation;
    }

    /**
     * One page of a project's stored documents in {@link io.sdlclens.format.SourceListing#PATH_ORDER}: the first
     * {@code limit} whose path comes after {@code after} ("" for the first page).
     */
    public Uni<List<StoredFile>> page(long projectId, String after, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(projectId, after, limit))
                .map(rows -> {
                    List<StoredFile> page = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        page.add(new StoredFile(
                                row.getString("file_path"),
                                row.getString("file_hash"),
                                row.getInteger("parser_epoch"),
                                row.getString("status_vocab_hash"),
                                row.getString("change_key")));
                    }
                    return page;
                });
    }

    /** Records, fenced, how many files the run listed; called once, after listing. */
    public Uni<Void> recordTotal(SyncJob job, int total) {
        return lease.total(pool, job.projectId(), job.runId(), total).replaceWithVoid();
    }

    /** An unchanged document whose change key moved; {@code changeKey} null = read it again next run. */
    public record Restamp(String filePath, String changeKey, long modifiedMicros) {}

    /** What one batch did. */
    public record BatchResult(int added, int updated, int deleted) {}

    /**
     * Writes one batch in one fenced transaction: upserts, change-key re-stamps, deletions, then the run's counts.
     * Batches of one run may be written on several connections at once: the fence is a share lock, so they do
     * not wait for each other while a takeover still waits for all of them. A batch therefore never updates the
     * project row (two share holders upgrading would deadlock): its document count is kept by the heartbeat and
     * made exact when the run ends. The statement parameters are built by the caller's thread, not the event
     * loop.
     *
     * @param progress the counts to publish with this batch ({@link SyncLease#progress}): its own added, updated
     *     and deleted, the run's skipped and errors so far
     * @throws SyncJob.Stopped (as the Uni's failure) when the lease is gone; nothing of the batch is written
     */
    public Uni<BatchResult> writeBatch(
            SyncJob job,
            ParseKey parseKey,
            List<DocumentRow> upserts,
            List<Restamp> restamps,
            List<String> deletions,
            Function<BatchResult, SyncCounts> progress) {
        long projectId = job.projectId();
        UUID runId = job.runId();
        Tuple upsertParams = upsertParams(projectId, runId, parseKey, upserts);
        Tuple restampParams = restampParams(projectId, restamps);
        Tuple deleteParams = deletions.isEmpty() ? null : Tuple.of(projectId, deletions.toArray(String[]::new));
        return pool.withTransaction(tx -> lease.lock(tx, projectId, runId)
                        .flatMap(locked -> upsert(tx, upsertParams))
                        .flatMap(inserted -> restamp(tx, restampParams)
                                .flatMap(ignored -> delete(tx, deleteParams))
                                .map(deleted -> new BatchResult(inserted, upserts.size() - inserted, deleted)))
                        // last and short: concurrent batches of the run queue on this one sync_run row
                        .flatMap(result -> lease.progress(tx, projectId, runId, progress.apply(result))
                                .replaceWith(result)))
                // after the commit: a search reading the new generation must see this batch
                .call(generation::advance);
    }

    private static Tuple upsertParams(long projectId, UUID runId, ParseKey parseKey, List<DocumentRow> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        int n = rows.size();
        String[] filePath = new String[n];
        String[] docType = new String[n];
        String[] docId = new String[n];
        String[] refId = new String[n];
        String[] title = new String[n];
        String[] status = new String[n];
        String[] owner = new String[n];
        String[] priority = new String[n];
        Integer[] storyPoints = new Integer[n];
        String[] epic = new String[n];
        String[] story = new String[n];
        String[] dependsOn = new String[n];
        String[] aliases = new String[n];
        String[] metadata = new String[n];
        String[] content = new String[n];
        String[] fileHash = new String[n];
        Long[] fileSize = new Long[n];
        String[] changeKey = new String[n];
        Long[] modified = new Long[n];
        for (int i = 0; i < n; i++) {
            DocumentRow row = rows.get(i);
            filePath[i] = row.filePath();
            docType[i] = row.identity().type();
            docId[i] = row.identity().docId();
            refId[i] = row.identity().refId();
            title[i] = row.parsed().title();
            status[i] = row.parsed().status();
            owner[i] = row.parsed().owner();
            priority[i] = row.parsed().priority();
            storyPoints[i] = row.parsed().storyPoints();
            epic[i] = row.parsed().epic();
            story[i] = row.parsed().story();
            dependsOn[i] = Json.encode(row.dependsOn());
            aliases[i] = Json.encode(row.aliases());
            metadata[i] = row.metadata() == null || row.metadata().isEmpty() ? null : Json.encode(row.metadata());
            content[i] = row.parsed().body();
            fileHash[i] = row.fileHash();
            fileSize[i] = row.fileSize();
            changeKey[i] = row.changeKey();
            modified[i] = row.modifiedMicros();
        }
        Tuple params = Tuple.tuple()
                .addLong(projectId)
                .addUUID(runId)
                .addInteger(parseKey.parserEpoch())
                .addArrayOfString(filePath)
                .addArrayOfString(docType)
                .addArrayOfString(docId)
                .addArrayOfString(refId)
                .addArrayOfString(title)
                .addArrayOfString(status)
                .addArrayOfString(owner)
                .addArrayOfString(priority)
                .addArrayOfInteger(storyPoints)
                .addArrayOfString(epic)
                .addArrayOfString(story)
                .addArrayOfString(dependsOn)
                .addArrayOfString(aliases)
                .addArrayOfString(metadata)
                .addArrayOfString(content)
                .addArrayOfString(fileHash)
                .addArrayOfLong(fileSize)
                .addArrayOfString(changeKey)
                .addArrayOfLong(modified)
                .addString(parseKey.vocabularyFingerprint());
        return params;
    }

    private static Uni<Integer> upsert(SqlClient tx, Tuple params) {
        if (params == null) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(UPSERT).execute(params).map(result -> {
            int inserted = 0;
            for (Row row : result) {
                if (row.getBoolean("inserted")) {
                    inserted++;
                }
            }
            return inserted;
        });
    }

    private static Tuple restampParams(long projectId, List<Restamp> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        String[] paths = rows.stream().map(Restamp::filePath).toArray(String[]::new);
        String[] keys = rows.stream().map(Restamp::changeKey).toArray(String[]::new);
        Long[] modified = rows.stream().map(Restamp::modifiedMicros).toArray(Long[]::new);
        return Tuple.of(projectId, paths, keys, modified);
    }

    private static Uni<Void> restamp(SqlClient tx, Tuple params) {
        if (params == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(RESTAMP).execute(params).replaceWithVoid();
    }

    private static Uni<Integer> delete(SqlClient tx, Tuple params) {
        if (params == null) {
            return Uni.createFrom().item(0);
        }
        return tx.preparedQuery(DELETE).execute(params).map(rows -> rows.rowCount());
    }
}
