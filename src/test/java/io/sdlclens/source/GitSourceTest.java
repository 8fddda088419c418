package io.sdlclens.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.runtime.configuration.MemorySize;
import io.sdlclens.format.ReadResult;
import io.sdlclens.source.GitSourceException.Reason;
import io.sdlclens.testing.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitSource against real repositories served over real smart HTTP by git's own http-backend. */
class GitSourceTest {

    private static final String TOKEN = "s3cr3t-token-value-1234";

    record Settings(
            List<String> allowedHosts,
            boolean allowHttp,
            Path cacheDir,
            Duration fetchTimeout,
            MemorySize maxFetchSize,
            Duration connectTimeout,
            int cacheMaxPacks)
            implements GitConfig {}

    private Path served;
    private Path cache;
    private GitHttpServer server;
    private GitSource source;

    @BeforeEach
    void start() throws IOException {
        Assumptions.assumeTrue(
                GitHttpServer.available(), "git http-backend is not installed: skipping the git source tests");
        served = Folders.create("git-served");
        cache = Folders.create("git-cache");
        server = new GitHttpServer(served);
        source = source(Duration.ofSeconds(20), 50L * 1024 * 1024);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private GitSource source(Duration timeout, long maxFetchBytes) {
        return source(timeout, maxFetchBytes, 10);
    }

    private GitSource source(Duration timeout, long maxFetchBytes, int maxPacks) {
        return new GitSource(new Settings(
                List.of("127.0.0.1", "localhost"),
                true,
                cache,
                timeout,
                new MemorySize(BigInteger.valueOf(maxFetchBytes)),
                Duration.ofSeconds(5),
                maxPacks));
    }

    @Test
    void firstFetchListsTheDocumentsAtRepoPathAndReadsThem() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "sdlc-studio/prd.md", "# PRD\n");
            write(git, "sdlc-studio/stories/US0001-login.md", "# Login\r\n\n> **Status:** Done\n");
            write(git, "sdlc-studio/stories/_index.md", "# index\n");
            write(git, "sdlc-studio/stories/notes.txt", "not a document\n");
            write(git, "sdlc-studio/.hidden/US0002-secret.md", "# hidden\n");
            write(git, "sdlc-studio/node_modules/x.md", "# tool output\n");
            write(git, "sdlc-studio/.config.yaml", "schema_version: 2\n");
            write(git, "README.md", "# outside repo_path\n");
            Files.createSymbolicLink(
                    git.getRepository().getWorkTree().toPath().resolve("sdlc-studio/link.md"), Path.of("prd.md"));
            RevCommit commit = commitAll(git, "first");

            FetchedCommit fetched = source.fetch(server.url("docs"), "main", GitCredentials.none());

            assertThat(fetched.sha()).isEqualTo(commit.name());
            assertThat(fetched.commitTime().getEpochSecond()).isEqualTo(commit.getCommitTime());
            try (GitSnapshot snapshot = source.open(server.url("docs"), fetched.sha())) {
                GitListing listing = snapshot.list("sdlc-studio");
                assertThat(listing.documents())
                        .extracting(GitListing.Entry::relativePath)
                        .containsExactlyInAnyOrder("prd.md", "stories/US0001-login.md");
                assertThat(listing.skippedLinks()).isEqualTo(1);
                GitListing.Entry story = byPath(listing).get("stories/US0001-login.md");
                try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                    assertThat(story.blobId())
                            .isEqualTo(ids.idFor(
                                            Constants.OBJ_BLOB,
                                            "# Login\r\n\n> **Status:** Done\n".getBytes(StandardCharsets.UTF_8))
                                    .name());
                }
                ReadResult read = snapshot.read(story.blobId(), 1024);
                assertThat(read).isInstanceOf(ReadResult.Success.class);
                assertThat(((ReadResult.Success) read).text()).isEqualTo("# Login\n\n> **Status:** Done\n");
                assertThat(snapshot.readProjectFile("sdlc-studio", ".config.yaml", 1024))
                        .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                                .isEqualTo("schema_version: 2\n"));
                assertThat(snapshot.readProjectFile("sdlc-studio", ".version", 1024))
                        .isEmpty();
                assertThat(snapshot.list(".").documents())
                        .extracting(GitListing.Entry::relativePath)
                        .contains("README.md", "sdlc-studio/prd.md");
            }
        }
    }

    @Test
    void aNewCommitChangesExactlyTheBlobIdsOfTheEditedAddedAndDeletedFiles() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            write(git, "b.md", "# B\n");
            write(git, "c.md", "# C\n");
            write(git, "d.md", "# D\n");
            commitAll(git, "first");
            Map<String, String> before = blobs(source.fetch(server.url("docs"), "main", GitCredentials.none()));

            write(git, "a.md", "# A, edited\n");
            Files.delete(git.getRepository().getWorkTree().toPath().resolve("b.md"));
            write(git, "e.md", "# E\n");
            RevCommit second = commitAll(git, "second");
            server.requests.clear();
            FetchedCommit fetched = source.fetch(server.url("docs"), "main", GitCredentials.none());
            // Two round trips: the refs with the first GET (protocol v0), then one POST for the pack.
            assertThat(server.requests)
                    .containsExactly("GET /docs/info/refs?service=git-upload-pack", "POST /docs/git-upload-pack");
            Map<String, String> after = blobs(fetched);

            assertThat(fetched.sha()).isEqualTo(second.name());
            assertThat(after.keySet()).containsExactlyInAnyOrder("a.md", "c.md", "d.md", "e.md");
            assertThat(before.keySet()).containsExactlyInAnyOrder("a.md", "b.md", "c.md", "d.md");
            List<String> changed = Stream.concat(before.keySet().stream(), after.keySet().stream())
                    .distinct()
                    .filter(p -> !before.getOrDefault(p, "").equals(after.getOrDefault(p, "")))
                    .sorted()
                    .toList();
            assertThat(changed).containsExactly("a.md", "b.md", "e.md");
            // The cache folder was reused, not made again per fetch.
            try (Stream<Path> folders = Files.list(cache)) {
                assertThat(folders.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void aForcePushThatRewritesHistoryIsFetched() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            RevCommit first = commitAll(git, "first");
            write(git, "b.md", "# B\n");
            commitAll(git, "second");
            source.fetch(server.url("docs"), "main", GitCredentials.none());

            // Rewrite: main now points at a commit that is not a descendant of the fetched one.
            git.reset()
                    .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                    .setRef(first.name())
                    .call();
            write(git, "c.md", "# C\n");
            RevCommit rewritten = commitAll(git, "rewritten");

            assertThat(source.remoteHead(server.url("docs"), "main", GitCredentials.none()))
                    .isEqualTo(rewritten.name());
            FetchedCommit fetched = source.fetch(server.url("docs"), "main", GitCredentials.none());
            assertThat(fetched.sha()).isEqualTo(rewritten.name());
            assertThat(blobs(fetched).keySet()).containsExactlyInAnyOrder("a.md", "c.md");
        }
    }

    @Test
    void aDeletedBranchIsBranchNotFound() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            commitAll(git, "first");
            git.branchCreate().setName("feature").call();
            source.fetch(server.url("docs"), "feature", GitCredentials.none());
            git.branchDelete().setBranchNames("feature").setForce(true).call();

            assertReason(
                            () -> source.fetch(server.url("docs"), "feature", GitCredentials.none()),
                            Reason.BRANCH_NOT_FOUND)
                    .hasMessageContaining("feature");
            assertReason(
                    () -> source.remoteHead(server.url("docs"), "feature", GitCredentials.none()),
                    Reason.BRANCH_NOT_FOUND);
        }
    }

    @Test
    void aRemovedRepoPathIsPathNotFound() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "sdlc-studio/a.md", "# A\n");
            write(git, "other.md", "# other\n");
            FetchedCommit first = fetchAfter(git, "first");
            try (GitSnapshot snapshot = source.open(server.url("docs"), first.sha())) {
                assertThat(snapshot.list("sdlc-studio/").documents()).hasSize(1);
            }
            git.rm().addFilepattern("sdlc-studio").call();
            FetchedCommit second = fetchAfter(git, "remove the folder");
            try (GitSnapshot snapshot = source.open(server.url("docs"), second.sha())) {
                assertReason(() -> snapshot.list("sdlc-studio"), Reason.PATH_NOT_FOUND)
                        .hasMessageContaining("repo_path");
                // A file where a folder is expected is not a folder either.
                assertReason(() -> snapshot.list("other.md"), Reason.PATH_NOT_FOUND);
                assertReason(() -> snapshot.list("../x"), Reason.PATH_NOT_FOUND);
            }
        }
    }

    @Test
    void aPrivateRepositoryRefusesAWrongTokenAndNoTokenAndNeverSeesTheTokenOnDisk() throws Exception {
        server.requireToken("private", TOKEN);
        try (Git git = repository("private")) {
            write(git, "a.md", "# A\n");
            RevCommit commit = commitAll(git, "first");

            GitSourceException wrong = assertReason(
                            () -> source.fetch(server.url("private"), "main", GitCredentials.token("wrong-token")),
                            Reason.AUTHENTICATION_REFUSED)
                    .actual();
            assertThat(wrong.getMessage()).contains("access token").doesNotContain("wrong-token");
            GitSourceException none = assertReason(
                            () -> source.remoteHead(server.url("private"), "main", GitCredentials.none()),
                            Reason.AUTHENTICATION_REFUSED)
                    .actual();
            assertThat(none.getMessage()).contains("access_token");

            server.requests.clear();
            server.authorizations.clear();
            assertThat(source.remoteHead(server.url("private"), "main", GitCredentials.token(TOKEN)))
                    .isEqualTo(commit.name());
            // The token goes with the first request, so a private repository's head check is one request too.
            assertThat(server.requests).containsExactly("GET /private/info/refs?service=git-upload-pack");
            assertThat(server.authorizations).hasSize(1);
            FetchedCommit fetched = source.fetch(server.url("private"), "main", GitCredentials.token(TOKEN));
            assertThat(fetched.sha()).isEqualTo(commit.name());
            assertThat(server.authorizations).isNotEmpty();
            assertThat(GitCredentials.token(TOKEN).toString()).doesNotContain(TOKEN);
            assertThat(filesContaining(cache, TOKEN)).isEmpty();
            // The URL is named per fetch, never stored as a remote in the cache's config.
            assertThat(filesContaining(cache, "127.0.0.1"))
                    .allMatch(f -> f.getFileName().toString().equals("FETCH_HEAD"));
        }
    }

    @Test
    void anUnknownRepositoryIsRepositoryNotFound() {
        assertReason(
                () -> source.fetch(server.url("nothing-here"), "main", GitCredentials.none()),
                Reason.REPOSITORY_NOT_FOUND);
    }

    @Test
    void hostsAndSchemesOutsideThePolicyAreRefusedBeforeAnyRequest() throws Exception {
        GitSource strict = new GitSource(new Settings(
                List.of("github.com"),
                false,
                cache,
                Duration.ofSeconds(5),
                new MemorySize(BigInteger.valueOf(1024)),
                Duration.ofSeconds(1),
                10));
        assertReason(
                () -> strict.remoteHead("https://gitlab.com/a/b", "main", GitCredentials.none()),
                Reason.HOST_NOT_ALLOWED);
        assertReason(() -> strict.fetch(server.url("docs"), "main", GitCredentials.none()), Reason.SCHEME_NOT_ALLOWED);
        assertReason(
                () -> source.fetch("file://" + served.resolve("docs"), "main", GitCredentials.none()),
                Reason.SCHEME_NOT_ALLOWED);
        assertReason(
                () -> source.fetch("ssh://git@127.0.0.1/docs", "main", GitCredentials.none()),
                Reason.SCHEME_NOT_ALLOWED);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndTheTokenNotSentThere() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            commitAll(git, "first");
            try (GitHttpServer other = new GitHttpServer(served)) {
                // Same repositories, another host name: only the host differs.
                server.redirectTo = other.localhostUrl("").replaceAll("/git/$", "/git");
                GitSourceException refused = assertReason(
                                () -> source.fetch(server.url("docs"), "main", GitCredentials.token(TOKEN)),
                                Reason.REDIRECT_REFUSED)
                        .actual();
                assertThat(refused.getMessage()).contains("localhost").doesNotContain(TOKEN);
                assertThat(other.requests).isEmpty();
            }
        }
    }

    @Test
    void aHugeFileIsAPerFileTooLargeWhileTheOthersRead() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "small.md", "# Small\n");
            write(git, "huge.md", "# Huge\n" + "x".repeat(300_000));
            FetchedCommit fetched = fetchAfter(git, "first");
            try (GitSnapshot snapshot = source.open(server.url("docs"), fetched.sha())) {
                Map<String, GitListing.Entry> entries = byPath(snapshot.list(""));
                assertThat(snapshot.read(entries.get("huge.md").blobId(), 100_000))
                        .isEqualTo(new ReadResult.Failure("file too large"));
                assertThat(snapshot.read(entries.get("small.md").blobId(), 100_000))
                        .isInstanceOf(ReadResult.Success.class);
            }
        }
    }

    @Test
    void aFetchOverTheSizeCapIsCut() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "big.md", randomText(400_000));
            commitAll(git, "first");
            GitSource capped = source(Duration.ofSeconds(20), 100_000);
            assertReason(() -> capped.fetch(server.url("docs"), "main", GitCredentials.none()), Reason.TOO_LARGE)
                    .hasMessageContaining("SDLC_LENS_GIT_MAX_FETCH_SIZE");
            assertThat(source.fetch(server.url("docs"), "main", GitCredentials.none())
                            .sha())
                    .isNotBlank();
        }
    }

    @Test
    void aServerThatStallsMidFetchIsCutAtTheTimeout() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "big.md", randomText(200_000));
            commitAll(git, "first");
            GitSource impatient = source(Duration.ofMillis(1500), 50L * 1024 * 1024);
            server.stallAfterBytes = 300;
            assertReason(() -> impatient.fetch(server.url("docs"), "main", GitCredentials.none()), Reason.TIMED_OUT)
                    .hasMessageContaining("did not finish within 1500 ms");
        }
    }

    @Test
    void remoteHeadFetchesNoObjectsAndLeavesTheCacheUntouched() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            RevCommit commit = commitAll(git, "first");

            assertThat(source.remoteHead(server.url("docs"), "main", GitCredentials.none()))
                    .isEqualTo(commit.name());

            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries).isEmpty();
            }
            // One round trip: the refs come in the answer to the first GET (protocol v0), no ls-refs POST.
            assertThat(server.requests).containsExactly("GET /docs/info/refs?service=git-upload-pack");
        }
    }

    @Test
    void manyFetchesKeepTheCacheAtMostAtItsPackLimitAndTheHeadReadable() throws Exception {
        GitSource bounded = source(Duration.ofSeconds(20), 50L * 1024 * 1024, 3);
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            write(git, "b.md", "# B\n");
            commitAll(git, "first");
            FetchedCommit fetched = bounded.fetch(server.url("docs"), "main", GitCredentials.none());
            Path folder = bounded.cacheFolder(java.net.URI.create(server.url("docs")));
            int most = GitSource.packCount(folder);
            for (int i = 0; i < 8; i++) {
                write(git, "a.md", "# A, edit " + i + "\n");
                commitAll(git, "edit " + i);
                fetched = bounded.fetch(server.url("docs"), "main", GitCredentials.none());
                most = Math.max(most, GitSource.packCount(folder));
            }

            assertThat(most).isLessThanOrEqualTo(3);
            try (GitSnapshot snapshot = bounded.open(server.url("docs"), fetched.sha())) {
                Map<String, GitListing.Entry> listed = byPath(snapshot.list(""));
                assertThat(listed.keySet()).containsExactlyInAnyOrder("a.md", "b.md");
                assertThat(((ReadResult.Success)
                                        snapshot.read(listed.get("a.md").blobId(), 1024))
                                .text())
                        .isEqualTo("# A, edit 7\n");

                // A sync still reading this commit keeps its packs: no repack while a snapshot is open.
                for (int i = 0; i < 3; i++) {
                    write(git, "b.md", "# B, edit " + i + "\n");
                    commitAll(git, "b " + i);
                    bounded.fetch(server.url("docs"), "main", GitCredentials.none());
                }
                assertThat(GitSource.packCount(folder)).isGreaterThan(3);
                assertThat(((ReadResult.Success)
                                        snapshot.read(listed.get("a.md").blobId(), 1024))
                                .text())
                        .isEqualTo("# A, edit 7\n");
            }
            write(git, "b.md", "# B, last\n");
            RevCommit last = commitAll(git, "last");
            assertThat(bounded.fetch(server.url("docs"), "main", GitCredentials.none())
                            .sha())
                    .isEqualTo(last.name());
            assertThat(GitSource.packCount(folder)).isLessThanOrEqualTo(3);
            try (GitSnapshot snapshot = bounded.open(server.url("docs"), last.name())) {
                assertThat(((ReadResult.Success) snapshot.read(
                                        byPath(snapshot.list("")).get("b.md").blobId(), 1024))
                                .text())
                        .isEqualTo("# B, last\n");
            }
        }
    }

    @Test
    void aRemoteWithVeryManyRefsIsAskedWithProtocolV2AfterItsFirstLargeAdvertisement() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            RevCommit commit = commitAll(git, "first");
            // as a GitHub repository's pull request refs: v0 would list them all on every head check
            var refs = git.getRepository().getRefDatabase().newBatchUpdate();
            for (int i = 0; i < 2000; i++) {
                refs.addCommand(new ReceiveCommand(ObjectId.zeroId(), commit, "refs/pull/" + i + "/head"));
            }
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                refs.execute(walk, NullProgressMonitor.INSTANCE);
            }

            assertThat(source.remoteHead(server.url("docs"), "main", GitCredentials.none()))
                    .isEqualTo(commit.name());
            assertThat(server.requests).containsExactly("GET /docs/info/refs?service=git-upload-pack");
            server.requests.clear();

            // v2 from then on: the GET answers only capabilities, ls-refs asks for the branch alone
            assertThat(source.remoteHead(server.url("docs"), "main", GitCredentials.none()))
                    .isEqualTo(commit.name());
            assertThat(server.requests)
                    .containsExactly("GET /docs/info/refs?service=git-upload-pack", "POST /docs/git-upload-pack");
            server.requests.clear();
            assertThat(source.fetch(server.url("docs"), "main", GitCredentials.none())
                            .sha())
                    .isEqualTo(commit.name());
            assertThat(server.requests)
                    .containsExactly(
                            "GET /docs/info/refs?service=git-upload-pack",
                            "POST /docs/git-upload-pack",
                            "POST /docs/git-upload-pack");
        }
    }

    @Test
    void aServerErrorAndAConnectionRefusedSayWhatHappened() throws Exception {
        server.forcedStatus = 500;
        assertReason(() -> source.remoteHead(server.url("docs"), "main", GitCredentials.none()), Reason.FAILED)
                .hasMessageContaining("HTTP 500");
        String url = server.url("docs");
        server.close();
        assertReason(() -> source.remoteHead(url, "main", GitCredentials.none()), Reason.UNREACHABLE);
    }

    @Test
    void aCorruptOrMissingCacheFolderIsMadeAgain() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            RevCommit commit = commitAll(git, "first");
            source.fetch(server.url("docs"), "main", GitCredentials.none());
            Path folder;
            try (Stream<Path> folders = Files.list(cache)) {
                folder = folders.findFirst().orElseThrow();
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.writeString(file, "garbage");
                }
            }
            assertThat(source.fetch(server.url("docs"), "main", GitCredentials.none())
                            .sha())
                    .isEqualTo(commit.name());

            org.eclipse.jgit.util.FileUtils.delete(folder.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
            assertThat(source.fetch(server.url("docs"), "main", GitCredentials.none())
                            .sha())
                    .isEqualTo(commit.name());
            try (GitSnapshot snapshot = source.open(server.url("docs"), commit.name())) {
                assertThat(snapshot.list("").documents()).hasSize(1);
            }
        }
    }

    @Test
    void submodulesAreSkipped() throws Exception {
        try (Git git = repository("docs")) {
            write(git, "a.md", "# A\n");
            Path nested = git.getRepository().getWorkTree().toPath().resolve("vendor");
            try (Git inner = Git.init()
                    .setDirectory(nested.toFile())
                    .setInitialBranch("main")
                    .call()) {
                Folders.write(nested, "inner.md", "# inner\n");
                commitAll(inner, "inner");
            }
            FetchedCommit fetched = fetchAfter(git, "with a submodule");
            try (GitSnapshot snapshot = source.open(server.url("docs"), fetched.sha())) {
                GitListing listing = snapshot.list("");
                assertThat(listing.documents())
                        .extracting(GitListing.Entry::relativePath)
                        .containsExactly("a.md");
                assertThat(listing.skippedSubmodules()).isEqualTo(1);
            }
        }
    }

    // --- helpers ---

    private Git repository(String name) throws GitAPIException {
        return Git.init()
                .setDirectory(served.resolve(name).toFile())
                .setInitialBranch("main")
                .call();
    }

    private static void write(Git git, String path, String content) {
        Folders.write(git.getRepository().getWorkTree().toPath(), path, content);
    }

    private static RevCommit commitAll(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Test", "test@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    private FetchedCommit fetchAfter(Git git, String message) throws GitAPIException {
        commitAll(git, message);
        return source.fetch(server.url("docs"), "main", GitCredentials.none());
    }

    private Map<String, String> blobs(FetchedCommit fetched) {
        try (GitSnapshot snapshot = source.open(server.url("docs"), fetched.sha())) {
            return snapshot.list("").documents().stream()
                    .collect(Collectors.toMap(GitListing.Entry::relativePath, GitListing.Entry::blobId));
        }
    }

    private static Map<String, GitListing.Entry> byPath(GitListing listing) {
        return listing.documents().stream()
                .collect(Collectors.toMap(GitListing.Entry::relativePath, Function.identity()));
    }

    private static org.assertj.core.api.ThrowableAssert<GitSourceException> assertReason(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        GitSourceException thrown = catchThrowableOfType(GitSourceException.class, call);
        assertThat(thrown).as("a GitSourceException").isNotNull();
        assertThat(thrown.reason()).as(thrown.getMessage()).isEqualTo(reason);
        assertThat(thrown.getCause()).isNull();
        assertThat(thrown.getMessage()).doesNotContain(TOKEN);
        return new org.assertj.core.api.ThrowableAssert<>(thrown);
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    /** Text that does not compress, so the pack on the wire is about as large as the file. */
    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder text = new StringBuilder("# Big\n");
        while (text.length() < length) {
            text.append(Long.toString(random.nextLong(), 36));
        }
        return text.toString();
    }
}
