package io.sdlclens.source;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sdlclens.source.GitSourceException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;
import org.jboss.logging.Logger;

/**
 * Git repositories as document sources: the branch head by ls-remote, a shallow fetch into a local cache,
 * and snapshots that list and read a fetched commit. Every method blocks (network and disk): call it on a
 * worker thread, never on the event loop.
 *
 * <p>Only JGit talks to the server, over smart HTTP, through {@link GitHttp} for the bounds. The cache holds
 * one bare repository per remote; it never stores the URL or a credential (fetches name the URL and pass the
 * token per operation), and it is safe to lose: a missing or corrupt folder is created again.
 */
@ApplicationScoped
public class GitSource {

    private static final Logger LOG = Logger.getLogger(GitSource.class);

    /**
     * Protocol v0 lists every ref of the remote in its first answer (a GitHub repository's pull requests
     * included); past this size that costs more than the request v2 saves, so the remote is asked with v2 from
     * then on.
     */
    static final long LARGE_ADVERTISEMENT_BYTES = 64 * 1024;

    private final GitConfig config;
    private final GitUrlPolicy policy;
    private final Path cacheDir;
    private final MeterRegistry metrics;
    // Remotes (cache folders) whose v0 ref advertisement was large; per replica, relearnt after a restart.
    private final Set<Path> manyRefs = ConcurrentHashMap.newKeySet();
    // Two projects on one repository must not fetch into the same folder at once.
    private final Map<Path, CacheFolder> folders = new ConcurrentHashMap<>();

    @Inject
    public GitSource(GitConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
        this.policy = GitUrlPolicy.of(config);
        this.cacheDir = config.cacheDir().toAbsolutePath().normalize();
    }

    /** Without metrics, for tests of the source alone. */
    public GitSource(GitConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /**
     * The commit sha at the head of {@code branch}, asked of the remote in one HTTP request (no objects fetched,
     * the cache untouched): what polling compares with the last synced commit.
     */
    public String remoteHead(String url, String branch, GitCredentials credentials) {
        URI uri = policy.check(url);
        String ref = branchRef(branch);
        GitHttp http = http(uri);
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            Collection<Ref> refs;
            int protocol = protocol(uri);
            try (Repository settings = protocolSettings(protocol)) {
                refs = configure(
                                Git.wrap(settings)
                                        .lsRemote()
                                        .setRemote(uri.toString())
                                        .setHeads(true),
                                http,
                                credentials)
                        .call();
            } catch (Exception e) {
                throw failure(e, http, credentials, branch);
            } finally {
                learn(uri, protocol, http);
            }
            String head = refs.stream()
                    .filter(r -> r.getName().equals(ref))
                    .findFirst()
                    .map(r -> r.getObjectId().name())
                    .orElseThrow(() -> branchNotFound(branch));
            outcome = "answered";
            return head;
        } catch (GitSourceException e) {
            outcome = e.reason().name().toLowerCase(Locale.ROOT);
            throw e;
        } finally {
            Timer.builder("sdlc.lens.git.head")
                    .description("Time asking a git server for a branch head took (what a poll costs)")
                    .tag("outcome", outcome)
                    .register(metrics)
                    .record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Fetches the head of {@code branch} into the cache (depth 1; the server's full history only if it
     * refuses a shallow fetch) and returns that commit.
     */
    public FetchedCommit fetch(String url, String branch, GitCredentials credentials) {
        URI uri = policy.check(url);
        String ref = branchRef(branch);
        Path folder = cacheFolder(uri);
        CacheFolder state = folders.computeIfAbsent(folder, f -> new CacheFolder());
        ReentrantLock lock = state.lock;
        lock.lock();
        Transfer transfer = new Transfer();
        String outcome = "failed";
        try {
            boolean existed = Files.exists(folder);
            FetchedCommit fetched;
            try {
                fetched = fetchInto(folder, uri, branch, ref, credentials, transfer);
            } catch (GitSourceException e) {
                if (!existed || e.reason() != Reason.FAILED) {
                    throw e;
                }
                // The server answered but the cached repository could not take it (corrupt objects, a
                // broken config): the cache is disposable, so start it again once.
                delete(folder);
                fetched = fetchInto(folder, uri, branch, ref, credentials, transfer);
            }
            if (!housekeep(folder, state)) {
                // The cache is disposable: a repository that cannot be repacked is fetched again from scratch.
                delete(folder);
                fetched = fetchInto(folder, uri, branch, ref, credentials, transfer);
            }
            outcome = "fetched";
            return fetched;
        } catch (GitSourceException e) {
            outcome = e.reason().name().toLowerCase(Locale.ROOT);
            throw e;
        } finally {
            lock.unlock();
            recordFetch(transfer, outcome);
        }
    }

    /** A cache folder's fetch lock, and how many snapshots of it are open (housekeeping waits for none). */
    private static final class CacheFolder {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicInteger openSnapshots = new AtomicInteger();
    }

    /**
     * Each fetch adds a pack and automatic gc is off, so after a fetch (under the fetch lock) a cache repository
     * with more than {@code SDLC_LENS_GIT_CACHE_MAX_PACKS} packs is repacked in place: what the branch head reaches
     * goes into one pack, the rest (older heads, a rewritten history) is dropped. It waits while a snapshot of the
     * folder is open (a sync still reading an older commit); a later fetch does it.
     *
     * @return false when the repository could not be repacked (then it is fetched again from scratch)
     */
    private boolean housekeep(Path folder, CacheFolder state) {
        if (packCount(folder) <= config.cacheMaxPacks() || state.openSnapshots.get() > 0) {
            return true;
        }
        try (Repository repository = openExisting(folder)) {
            Git.wrap(repository).gc().setExpire(Instant.now()).call();
            return true;
        } catch (IOException | GitAPIException | RuntimeException e) {
            LOG.infof(
                    "The git cache folder %s could not be repacked; it is cleared and fetched again",
                    folder.getFileName());
            return false;
        }
    }

    /** The pack files in a cache repository: what housekeeping bounds. */
    static int packCount(Path folder) {
        try (Stream<Path> files = Files.list(folder.resolve("objects").resolve("pack"))) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".pack"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the fetches of one {@link #fetch} call received, over all its attempts. */
    private static final class Transfer {
        final long startNanos = System.nanoTime();
        long bytes;
    }

    private void recordFetch(Transfer transfer, String outcome) {
        DistributionSummary.builder("sdlc.lens.git.fetch.bytes")
                .description("Bytes a git fetch received from the server")
                .baseUnit("bytes")
                .tag("outcome", outcome)
                .register(metrics)
                .record(transfer.bytes);
        Timer.builder("sdlc.lens.git.fetch")
                .description("Time a git fetch took, from the first request to the commit in the cache")
                .tag("outcome", outcome)
                .register(metrics)
                .record(Duration.ofNanos(System.nanoTime() - transfer.startNanos));
    }

    /**
     * Opens a fetched commit for listing and reading. Close the snapshot when done.
     *
     * @throws GitSourceException {@code FAILED} when the commit is not in the cache (fetch it first)
     */
    public GitSnapshot open(String url, String commitSha) {
        URI uri = policy.check(url);
        Path folder = cacheFolder(uri);
        AtomicInteger openSnapshots = folders.computeIfAbsent(folder, f -> new CacheFolder()).openSnapshots;
        openSnapshots.incrementAndGet();
        Repository repository = null;
        try {
            repository = openExisting(folder);
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(commitSha));
                walk.parseBody(commit);
                return new GitSnapshot(repository, commit, openSnapshots::decrementAndGet);
            }
        } catch (IOException | IllegalArgumentException e) {
            openSnapshots.decrementAndGet();
            if (repository != null) {
                repository.close();
            }
            throw new GitSourceException(
                    Reason.FAILED, "commit " + abbreviate(commitSha) + " is not in the git cache: fetch it first");
        }
    }

    private FetchedCommit fetchInto(
            Path folder, URI uri, String branch, String ref, GitCredentials credentials, Transfer transfer) {
        try (Repository repository = openOrCreate(folder)) {
            try {
                fetchOnce(repository, uri, branch, ref, credentials, true, transfer);
            } catch (GitSourceException e) {
                if (e.reason() != Reason.FAILED || !e.getMessage().contains("shallow")) {
                    throw e;
                }
                fetchOnce(repository, uri, branch, ref, credentials, false, transfer);
            }
            ObjectId head = repository.resolve(ref);
            if (head == null) {
                throw branchNotFound(branch);
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                return new FetchedCommit(commit.name(), java.time.Instant.ofEpochSecond(commit.getCommitTime()));
            }
        } catch (IOException e) {
            throw new GitSourceException(Reason.FAILED, "the git cache could not be written: " + cacheDir);
        }
    }

    private void fetchOnce(
            Repository repository,
            URI uri,
            String branch,
            String ref,
            GitCredentials credentials,
            boolean shallow,
            Transfer transfer) {
        GitHttp http = http(uri);
        int protocol = protocol(uri);
        try {
            // for this fetch only (the saved default is v0): which protocol suits a remote is learnt per replica
            repository.getConfig().setInt("protocol", null, "version", protocol);
            var fetch = Git.wrap(repository)
                    .fetch()
                    .setRemote(uri.toString())
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setProgressMonitor(new EmptyProgressMonitor() {
                        @Override
                        public boolean isCancelled() {
                            return http.pastDeadline();
                        }
                    });
            if (shallow) {
                fetch.setDepth(1);
            }
            configure(fetch, http, credentials).call();
        } catch (Exception e) {
            throw failure(e, http, credentials, branch);
        } finally {
            learn(uri, protocol, http);
            transfer.bytes += http.bytesReceived();
        }
    }

    private <C extends TransportCommand<C, ?>> C configure(C command, GitHttp http, GitCredentials credentials) {
        credentials.accessToken().ifPresent(token -> command.setCredentialsProvider(provider(token)));
        return command.setTransportConfigCallback(transport -> {
            if (!(transport instanceof TransportHttp httpTransport)) {
                // The URL policy admits http(s) only; anything else reaching here is a bug, not a fallback.
                throw new IllegalStateException("only HTTP transports are used");
            }
            httpTransport.setHttpConnectionFactory(http);
            credentials
                    .accessToken()
                    .ifPresent(
                            token -> httpTransport.setPreemptiveBasicAuthentication(GitCredentials.TOKEN_USER, token));
        });
    }

    /**
     * The git protocol to speak to a remote: v0, which answers the refs in the response to the first GET, so a
     * head check is one request and a fetch two; v2 (JGit's default) needs a request of its own for the refs
     * (ls-refs), but asks only for the branch, which wins for a remote with very many refs.
     */
    private int protocol(URI uri) {
        return manyRefs.contains(cacheFolder(uri)) ? 2 : 0;
    }

    private void learn(URI uri, int protocol, GitHttp http) {
        if (protocol == 0 && http.advertisementBytes() > LARGE_ADVERTISEMENT_BYTES) {
            manyRefs.add(cacheFolder(uri));
        }
    }

    /** A repository that only carries the protocol for a head check: it stores nothing, the transport reads its config. */
    private static Repository protocolSettings(int protocol) {
        Repository repository = new InMemoryRepository(new DfsRepositoryDescription("head-check"));
        repository.getConfig().setInt("protocol", null, "version", protocol);
        return repository;
    }

    private static CredentialsProvider provider(String token) {
        return new UsernamePasswordCredentialsProvider(GitCredentials.TOKEN_USER, token);
    }

    private GitHttp http(URI uri) {
        return new GitHttp(
                uri,
                policy,
                config.fetchTimeout(),
                config.connectTimeout(),
                config.maxFetchSize().asLongValue());
    }

    /** Turns whatever JGit threw into one reason with a message that says what to fix, without the token. */
    private static GitSourceException failure(
            Throwable thrown, GitHttp http, GitCredentials credentials, String branch) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof GitSourceException e) {
                return e;
            }
            if (t instanceof GitHttp.Tripped tripped) {
                return new GitSourceException(tripped.reason, tripped.getMessage());
            }
            if (t instanceof UnknownHostException) {
                return new GitSourceException(
                        Reason.UNREACHABLE, "the git server's host name cannot be resolved: check repo_url");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new GitSourceException(
                        Reason.UNREACHABLE,
                        "the git server cannot be reached (connection refused or no route): check repo_url"
                                + " and the network");
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return http.timedOut().asFailure();
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return new GitSourceException(
                        Reason.UNREACHABLE, "the TLS connection to the git server failed: check its certificate");
            }
        }
        if (http.pastDeadline()) {
            return http.timedOut().asFailure();
        }
        int status = http.lastStatus();
        if (status == 401) {
            return new GitSourceException(
                    Reason.AUTHENTICATION_REFUSED,
                    credentials.isPresent()
                            ? "the git server refused the access token: check that it is valid and can read the"
                                    + " repository"
                            : "the repository needs credentials: set an access_token that can read it");
        }
        if (status == 403) {
            return new GitSourceException(
                    Reason.AUTHENTICATION_REFUSED,
                    "the git server denied access: check that the access token can read the repository");
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException) {
                return repositoryNotFound();
            }
        }
        if (status == 404) {
            return repositoryNotFound();
        }
        String message = credentials.redact(String.valueOf(thrown.getMessage()));
        if (message.contains("does not have") && message.contains(branchRef(branch))) {
            return branchNotFound(branch);
        }
        if (status >= 500) {
            return new GitSourceException(
                    Reason.FAILED, "the git server failed (HTTP " + status + "): try again later");
        }
        return new GitSourceException(Reason.FAILED, "the git operation failed: " + shorten(message));
    }

    private static GitSourceException repositoryNotFound() {
        return new GitSourceException(
                Reason.REPOSITORY_NOT_FOUND,
                "repository not found: check repo_url (a private repository also needs an access token)");
    }

    private static GitSourceException branchNotFound(String branch) {
        return new GitSourceException(
                Reason.BRANCH_NOT_FOUND, "branch " + branch + " not found in the repository: check repo_branch");
    }

    private static String branchRef(String branch) {
        String name = branch == null ? "" : branch.trim();
        String ref = Constants.R_HEADS + name;
        if (name.isEmpty() || !Repository.isValidRefName(ref)) {
            throw new GitSourceException(Reason.BRANCH_NOT_FOUND, "repo_branch is not a valid branch name");
        }
        return ref;
    }

    /** One folder per remote, named by a digest of its normal form (never by the URL itself). */
    Path cacheFolder(URI uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(GitUrlPolicy.normalise(uri.toString()).getBytes(StandardCharsets.UTF_8));
            return cacheDir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".git");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    private Repository openOrCreate(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try {
                return openExisting(folder);
            } catch (IOException | RuntimeException e) {
                delete(folder);
            }
        }
        Files.createDirectories(folder.getParent());
        Repository repository =
                new FileRepositoryBuilder().setGitDir(folder.toFile()).setBare().build();
        repository.create(true);
        configureCache(repository);
        return repository;
    }

    /**
     * The cache repository's own settings. No automatic gc: JGit would start one after each fetch, and detached (its
     * default) it takes {@code gc.log.lock} in a background thread even when there is nothing to collect, racing a
     * cache reset and the next fetch; packs are bounded by {@link #housekeep} instead.
     */
    private static void configureCache(Repository repository) throws IOException {
        StoredConfig settings = repository.getConfig();
        if (settings.getInt("gc", null, "auto", -1) == 0
                && !settings.getBoolean("gc", null, "autoDetach", true)
                && "now".equals(settings.getString("gc", null, "prunePackExpire"))
                && settings.getInt("protocol", null, "version", -1) == 0) {
            return;
        }
        settings.setInt("gc", null, "auto", 0);
        settings.setInt("gc", null, "autoPackLimit", 0);
        settings.setBoolean("gc", null, "autoDetach", false);
        // see protocol(): v0 unless the remote has very many refs (then set per fetch)
        settings.setInt("protocol", null, "version", 0);
        // Housekeeping's repack removes the packs it replaced at once (JGit keeps them an hour by default), and
        // builds no bitmap index: a cache is read by commit, never served.
        settings.setString("gc", null, "prunePackExpire", "now");
        settings.setBoolean("pack", null, "buildBitmaps", false);
        settings.save();
    }

    private static Repository openExisting(Path folder) throws IOException {
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(folder.toFile())
                .setBare()
                .setMustExist(true)
                .build();
        try {
            // Reading the refs fails early on a folder that is not a repository any more.
            repository.getRefDatabase().getRefs();
            configureCache(repository);
            return repository;
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    private void delete(Path folder) {
        try {
            FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
        } catch (IOException e) {
            throw new GitSourceException(Reason.FAILED, "the git cache could not be cleared: " + cacheDir);
        }
    }

    private static String abbreviate(String sha) {
        return sha == null ? "" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
