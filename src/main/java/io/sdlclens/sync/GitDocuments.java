package io.sdlclens.sync;

import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.ReadResult;
import io.sdlclens.format.SourceListing;
import io.sdlclens.secret.TokenCipher;
import io.sdlclens.source.FetchedCommit;
import io.sdlclens.source.GitCredentials;
import io.sdlclens.source.GitListing;
import io.sdlclens.source.GitSnapshot;
import io.sdlclens.source.GitSource;
import io.sdlclens.source.GitSourceException;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A git/github project's repository as a document source: each run fetches the branch head into the cache and
 * reads that commit's tree at {@code repo_path}. A document's change key is its blob id, so an unchanged blob is
 * skipped without being read; its modification time is the commit's.
 */
@ApplicationScoped
public class GitDocuments implements DocumentSource {

    private static final Logger LOG = Logger.getLogger(GitDocuments.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final String BLOB_KEY = "blob:";

    // Read at the start of each run, so a token rotated since the trigger is the one used.
    private static final String TOKENS = """
            SELECT p.access_token, c.token_ciphertext AS connection_token
              FROM project p LEFT JOIN connection c ON c.id = p.connection_id
             WHERE p.id = $1
            """;

    private final GitSource git;
    private final TokenCipher cipher;
    private final Pool pool;

    public GitDocuments(GitSource git, TokenCipher cipher, Pool pool) {
        this.git = git;
        this.cipher = cipher;
        this.pool = pool;
    }

    @Override
    public Snapshot open(SyncJob job) {
        SyncJob.Source source = job.source();
        GitSnapshot snapshot;
        try {
            GitCredentials credentials = credentials(job.projectId());
            FetchedCommit head = git.fetch(source.repoUrl(), source.repoBranch(), credentials);
            snapshot = git.open(source.repoUrl(), head.sha());
        } catch (GitSourceException e) {
            throw new SourceUnavailable(e.getMessage());
        }
        return new Commit(job, snapshot);
    }

    private GitCredentials credentials(long projectId) {
        RowIterator<Row> rows = pool.preparedQuery(TOKENS)
                .execute(Tuple.of(projectId))
                .await()
                .atMost(QUERY_TIMEOUT)
                .iterator();
        if (!rows.hasNext()) {
            // deleted since the trigger: the run's first fenced write stops it
            return GitCredentials.none();
        }
        Row row = rows.next();
        return GitCredentials.stored(
                cipher, bytes(row.getBuffer("connection_token")), bytes(row.getBuffer("access_token")));
    }

    private static byte[] bytes(Buffer buffer) {
        return buffer == null ? null : buffer.getBytes();
    }

    private static final class Commit implements Snapshot {
        private final SyncJob job;
        private final GitSnapshot snapshot;
        private final FetchedCommit commit;

        Commit(SyncJob job, GitSnapshot snapshot) {
            this.job = job;
            this.snapshot = snapshot;
            this.commit = snapshot.commit();
        }

        @Override
        public String revision() {
            return commit.sha();
        }

        @Override
        public Listing list(Consumer<Entry> sink) {
            GitListing listing;
            try {
                listing = snapshot.list(job.source().repoPath());
            } catch (GitSourceException e) {
                throw new SourceUnavailable(e.getMessage());
            }
            if (listing.skippedLinks() > 0 || listing.skippedSubmodules() > 0) {
                LOG.infof(
                        "Sync run %s of %s: skipped %d symbolic link(s) and %d submodule(s)",
                        job.runId(), job.slug(), listing.skippedLinks(), listing.skippedSubmodules());
            }
            // git's tree order sorts a folder as its name plus "/", which is PATH_ORDER; sorted again, cheaply,
            // so the merge's order does not rest on that
            List<GitListing.Entry> documents = new ArrayList<>(listing.documents());
            documents.sort(Comparator.comparing(GitListing.Entry::relativePath, SourceListing.PATH_ORDER));
            for (GitListing.Entry document : documents) {
                sink.accept(new Entry(document.relativePath(), BLOB_KEY + document.blobId(), commit.commitTime()));
            }
            // a tree is read whole or not at all: nothing in it is uncertain
            return new Listing(documents.size(), List.of());
        }

        @Override
        public ReadResult read(Entry entry, long maxBytes) {
            return snapshot.read(entry.changeKey().substring(BLOB_KEY.length()), maxBytes);
        }

        @Override
        public String keyAfterRead(Entry entry, Instant readStartedAt) {
            // a blob id names its bytes for good: no racy-clean window
            return entry.changeKey();
        }

        @Override
        public ProjectConfig.Input projectFile(String name) {
            try {
                // one byte past the limit is enough for ProjectConfig to refuse a file that large
                return snapshot.readProjectFile(job.source().repoPath(), name, ProjectConfig.MAX_BYTES + 1L)
                        .map(ProjectConfig.Input::of)
                        .orElse(ProjectConfig.Input.absent());
            } catch (GitSourceException e) {
                return ProjectConfig.Input.failed("could not be read from the git cache");
            }
        }

        @Override
        public String emptyWarning() {
            String path = job.source().repoPath();
            return "no .md files under " + (path == null || path.isBlank() ? "." : path) + " in commit "
                    + commit.sha().substring(0, 12);
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }
}
