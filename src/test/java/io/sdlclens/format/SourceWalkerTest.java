package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWalkerTest {

    @TempDir
    Path root;

    @Test
    void listsDocumentsDepthFirstInNameOrder() throws IOException {
        touch("b.md", "a.md", "PRD.md", "a b.md", "ü #1.md", ".notes.md");
        touch("epics/EP0002-b.md", "epics/EP0001-a.md", "epics/deep/x.md", "epicsZ.md");
        touch("builds/kept.md", "distribution/kept.md", "folder.md/inner.md");

        assertThat(paths(SourceWalker.walk(root)))
                .containsExactly(
                        ".notes.md",
                        "PRD.md",
                        "a b.md",
                        "a.md",
                        "b.md",
                        "builds/kept.md",
                        "distribution/kept.md",
                        "epics/EP0001-a.md",
                        "epics/EP0002-b.md",
                        "epics/deep/x.md",
                        "epicsZ.md",
                        "folder.md/inner.md",
                        "ü #1.md");
    }

    @Test
    void listsEveryPathInTheByteOrderOfItsUtf8() throws IOException {
        // '-', ' ' and '.' sort before '/', so a file "a-b.md" comes before the folder "a"'s documents; uppercase
        // before lowercase; a character beyond U+FFFF after U+E000..U+FFFF (String's own order says otherwise)
        touch("a/b.md", "a-b.md", "a b.md", "a.b/c.md", "a0.md", "A.md", "B/x.md", "é.md", "z/é/ü.md");
        touch("\uE000.md", "\uD83D\uDE00.md", "ü.md", "a/-.md", "a/.x/skipped.md", "a/a/a.md");

        List<String> listed = paths(SourceWalker.walk(root));

        assertThat(listed)
                .containsExactly(
                        "A.md",
                        "B/x.md",
                        "a b.md",
                        "a-b.md",
                        "a.b/c.md",
                        "a/-.md",
                        "a/a/a.md",
                        "a/b.md",
                        "a0.md",
                        "z/é/ü.md",
                        "é.md",
                        "ü.md",
                        "\uE000.md",
                        "\uD83D\uDE00.md");
        List<String> byBytes = new ArrayList<>(listed);
        byBytes.sort((x, y) -> java.util.Arrays.compareUnsigned(
                x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(listed).isEqualTo(byBytes);
    }

    @Test
    void pathOrderIsCodePointOrder() {
        assertThat(SourceListing.comparePaths("a-b.md", "a/b.md")).isNegative();
        assertThat(SourceListing.comparePaths("A.md", "a.md")).isNegative();
        assertThat(SourceListing.comparePaths("a", "a/b")).isNegative();
        assertThat(SourceListing.comparePaths("x", "x")).isZero();
        assertThat(SourceListing.comparePaths("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat(SourceListing.comparePaths("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat("\uD83D\uDE00".compareTo("\uFFFD"))
                .as("String's own order differs")
                .isNegative();
    }

    @Test
    void skipsNonDocumentsAndIgnoredDirectories() throws IOException {
        touch("_index.md", "README.MD", "notes.Md", "notes.md.bak", "notes.txt", "md", "epics/_index.md");
        for (String dir : List.of(
                ".git",
                ".hidden",
                "node_modules",
                ".venv",
                ".hg",
                ".svn",
                "__pycache__",
                ".tox",
                ".mypy_cache",
                ".pytest_cache",
                ".ruff_cache",
                "dist",
                "build",
                ".eggs",
                "epics/.drafts",
                "epics/build")) {
            touch(dir + "/x.md");
        }
        touch("epics/EP0001.md");

        SourceListing listing = SourceWalker.walk(root);

        assertThat(paths(listing)).containsExactly("epics/EP0001.md");
        assertThat(listing.isComplete()).isTrue();
    }

    @Test
    void entriesCarryPathSizeAndModificationTime() throws IOException {
        Path file =
                Files.writeString(Files.createDirectories(root.resolve("epics")).resolve("EP0001.md"), "hello");

        SourceListing.Document document = SourceWalker.walk(root).documents().get(0);

        assertThat(document.relativePath()).isEqualTo("epics/EP0001.md");
        assertThat(document.path()).isEqualTo(file);
        assertThat(document.size()).isEqualTo(5);
        assertThat(document.lastModified())
                .isEqualTo(Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void symbolicLinksAreCountedAndNeverFollowed(@TempDir Path outside) throws IOException {
        touch("real.md");
        Path outsideFile = Files.writeString(outside.resolve("secret.md"), "secret");
        Files.writeString(Files.createDirectory(outside.resolve("dir")).resolve("secret.md"), "secret");
        Files.createSymbolicLink(root.resolve("file-link.md"), outsideFile);
        Files.createSymbolicLink(root.resolve("dir-link"), outside.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dangling.md"), root.resolve("nowhere.md"));
        Files.createSymbolicLink(root.resolve("up"), root); // a loop back to the root
        Files.createSymbolicLink(root.resolve("self.md"), root.resolve("self.md"));
        Path sub = Files.createDirectory(root.resolve("sub"));
        Files.createSymbolicLink(sub.resolve("parent"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("in-root-link.md"), root.resolve("real.md"));

        SourceListing listing = SourceWalker.walk(root);

        assertThat(paths(listing)).containsExactly("real.md");
        assertThat(listing.skippedLinks()).isEqualTo(7);
        assertThat(listing.unreadable()).isEmpty();
    }

    @Test
    void theRootItselfMayBeALink(@TempDir Path elsewhere) throws IOException {
        touch("a.md");
        Path link = Files.createSymbolicLink(elsewhere.resolve("project"), root);
        SourceListing listing = SourceWalker.walk(link);
        assertThat(paths(listing)).containsExactly("a.md");
        assertThat(listing.skippedLinks()).isZero();
    }

    @Test
    void aFileThatCannotBeReadIsStillListed() throws IOException {
        Path file = touch("locked.md");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // Listing needs no read permission on the file, so this holds for root and other users alike.
        assertThat(paths(SourceWalker.walk(root))).containsExactly("locked.md");
    }

    @Test
    void anUnlistableDirectoryIsReported() throws IOException {
        touch("a.md", "locked/x.md", "z.md");
        Path locked = root.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "permissions do not stop this user (root) from listing");
            SourceListing listing = SourceWalker.walk(root);
            assertThat(paths(listing)).containsExactly("a.md", "z.md");
            assertThat(listing.unreadable())
                    .containsExactly(new SourceListing.Unreadable("locked", "permission denied"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void directoriesThatFailMidWalkAreReportedAndTheRestIsListed() throws IOException {
        touch("a.md", "denied/x.md", "gone/x.md", "broken/x.md", "ok/y.md");
        SourceWalker.Lister failing = directory -> {
            switch (directory.getFileName().toString()) {
                case "denied":
                    throw new AccessDeniedException(directory.toString());
                case "gone":
                    throw new NoSuchFileException(directory.toString());
                case "broken":
                    throw new IOException("Input/output error");
                default:
                    try (Stream<Path> children = Files.list(directory)) {
                        return new ArrayList<>(children.toList());
                    }
            }
        };

        SourceListing listing = SourceWalker.walk(root, failing);

        assertThat(paths(listing)).containsExactly("a.md", "ok/y.md");
        assertThat(listing.unreadable())
                .containsExactly(
                        new SourceListing.Unreadable("broken", "Input/output error"),
                        new SourceListing.Unreadable("denied", "permission denied"),
                        new SourceListing.Unreadable("gone", "vanished"));
        assertThat(listing.isComplete()).isFalse();
        assertThat(listing.isUncertain("denied/x.md")).isTrue();
        assertThat(listing.isUncertain("gone/deeper/x.md")).isTrue();
        assertThat(listing.isUncertain("deniedx.md")).isFalse();
        assertThat(listing.isUncertain("ok/y.md")).isFalse();
    }

    @Test
    void anEntryThatVanishesBetweenListingAndStatIsReported() throws IOException {
        touch("a.md");
        SourceWalker.Lister withGhost = directory -> {
            List<Path> children = new ArrayList<>(List.of(directory.resolve("ghost.md")));
            try (Stream<Path> stream = Files.list(directory)) {
                children.addAll(stream.toList());
            }
            return children;
        };

        SourceListing listing = SourceWalker.walk(root, withGhost);

        assertThat(paths(listing)).containsExactly("a.md");
        assertThat(listing.unreadable()).containsExactly(new SourceListing.Unreadable("ghost.md", "vanished"));
        assertThat(listing.isUncertain("ghost.md")).isTrue();
    }

    @Test
    void aMissingRootIsReportedNotEmpty() {
        SourceListing listing = SourceWalker.walk(root.resolve("missing"));
        assertThat(listing.documents()).isEmpty();
        assertThat(listing.unreadable()).containsExactly(new SourceListing.Unreadable("", "vanished"));
        assertThat(listing.isUncertain("anything/at/all.md")).isTrue();
    }

    @Test
    void aRootThatIsAFileIsReported() throws IOException {
        Path file = touch("file.md");
        assertThat(SourceWalker.walk(file).unreadable())
                .containsExactly(new SourceListing.Unreadable("", "not a directory"));
    }

    @Test
    void anEmptyRootIsAnEmptyCompleteListing() {
        SourceListing listing = SourceWalker.walk(root);
        assertThat(listing.documents()).isEmpty();
        assertThat(listing.isComplete()).isTrue();
        assertThat(listing.isUncertain("x.md")).isFalse();
    }

    @Test
    void aFiftyLevelDeepTree() throws IOException {
        StringBuilder path = new StringBuilder();
        for (int level = 0; level < 50; level++) {
            path.append("level").append(level).append('/');
        }
        touch(path + "leaf.md");

        assertThat(paths(SourceWalker.walk(root))).containsExactly(path + "leaf.md");
    }

    @Test
    void tenThousandFilesInOneFolder() throws IOException {
        Path folder = Files.createDirectory(root.resolve("stories"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String name = String.format("US%05d.md", i);
            Files.createFile(folder.resolve(name));
            expected.add("stories/" + name);
        }

        SourceListing listing = SourceWalker.walk(root);

        assertThat(paths(listing)).containsExactlyElementsOf(expected);
    }

    @Test
    void documentNamesAndSkippedDirectories() {
        assertThat(SourceWalker.isDocumentName("x.md")).isTrue();
        assertThat(SourceWalker.isDocumentName(".md")).isTrue();
        assertThat(SourceWalker.isDocumentName("_index.md")).isFalse();
        assertThat(SourceWalker.isDocumentName("x.MD")).isFalse();
        assertThat(SourceWalker.isSkippedDirectory(".anything")).isTrue();
        assertThat(SourceWalker.isSkippedDirectory("node_modules")).isTrue();
        assertThat(SourceWalker.isSkippedDirectory("Build")).isFalse();
    }

    @Test
    void aBigFolderIsListedInPathOrderAndStreamedAsItIsFound() throws IOException {
        // more entries than the walker examines on one thread, with names whose order differs from String's
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name =
                    "n%03d".formatted(i % 100) + (i < 100 ? ".md" : i < 200 ? "-x.md" : i < 300 ? "/a.md" : " b.md");
            touch(name);
            expected.add(name);
        }
        touch("n000/\uD83D\uDE00.md", "n000/\uE000.md", "n000/skipped.txt");
        expected.add("n000/\uD83D\uDE00.md");
        expected.add("n000/\uE000.md");
        expected.sort(SourceListing.PATH_ORDER);

        assertThat(paths(SourceWalker.walk(root))).containsExactlyElementsOf(expected);
        List<String> streamed = new ArrayList<>();
        SourceWalker.Summary summary = SourceWalker.stream(root, document -> streamed.add(document.relativePath()));
        assertThat(streamed).containsExactlyElementsOf(expected);
        assertThat(summary.documents()).isEqualTo(expected.size());
        assertThat(summary.unreadable()).isEmpty();
    }

    @Test
    void aSinkThatThrowsEndsTheWalk() throws IOException {
        touch("a.md", "b.md", "c.md");
        List<String> seen = new ArrayList<>();
        IllegalStateException stop = new IllegalStateException("enough");

        assertThatThrownBy(() -> SourceWalker.stream(root, document -> {
                    seen.add(document.relativePath());
                    if (seen.size() == 2) {
                        throw stop;
                    }
                }))
                .isSameAs(stop);
        assertThat(seen).containsExactly("a.md", "b.md");
    }

    private Path touch(String... relativePaths) throws IOException {
        Path last = null;
        for (String relativePath : relativePaths) {
            last = root.resolve(relativePath);
            Files.createDirectories(last.getParent());
            Files.writeString(last, "# " + relativePath + "\n");
        }
        return last;
    }

    private static List<String> paths(SourceListing listing) {
        return listing.documents().stream()
                .map(SourceListing.Document::relativePath)
                .toList();
    }
}
