package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentReaderTest {

    @TempDir
    Path root;

    @Test
    void readsTextWithTheHashAndSizeOfTheRawBytes() throws Exception {
        byte[] raw = "\uFEFF# Title\r\n> **Status:** Done\r\nÜber\r".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(root.resolve("doc.md"), raw);

        ReadResult result = DocumentReader.read(file, DocumentReader.DEFAULT_MAX_BYTES);

        assertThat(result)
                .isEqualTo(new ReadResult.Success("# Title\n> **Status:** Done\nÜber\n", sha256(raw), raw.length));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(root.resolve("empty.md"));
        assertThat(DocumentReader.read(file, 10))
                .isEqualTo(new ReadResult.Success(
                        "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0));
    }

    @Test
    void namesWithSpacesUnicodeAndHash() throws IOException {
        Path dir = Files.createDirectories(root.resolve("dir with spaces/ünïcødé"));
        Path file = Files.writeString(dir.resolve("#1 notes — ü.md"), "# Héllo 🚀\n");
        assertThat(DocumentReader.read(file, 100))
                .isInstanceOfSatisfying(
                        ReadResult.Success.class, s -> assertThat(s.text()).isEqualTo("# Héllo 🚀\n"));
    }

    @Test
    void aFileAtTheLimitIsReadAndOneByteMoreIsTooLarge() throws IOException {
        Path atLimit = Files.write(root.resolve("a.md"), new byte[] {'a', 'b', 'c', 'd'});
        Path overLimit = Files.write(root.resolve("b.md"), new byte[] {'a', 'b', 'c', 'd', 'e'});
        assertThat(DocumentReader.read(atLimit, 4)).isInstanceOf(ReadResult.Success.class);
        assertThat(DocumentReader.read(overLimit, 4)).isEqualTo(new ReadResult.Failure("file too large"));
        assertThat(DocumentReader.read(atLimit, 0)).isEqualTo(new ReadResult.Failure("file too large"));
    }

    @Test
    void aHugeFileIsRejectedBeforeReading() throws IOException {
        Path file = root.resolve("huge.md");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L * 1024 * 1024 * 1024); // sparse: costs no disk and, if read, 3 GB of heap
        }
        long start = System.nanoTime();
        assertThat(DocumentReader.read(file, DocumentReader.DEFAULT_MAX_BYTES))
                .isEqualTo(new ReadResult.Failure("file too large"));
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "48c328", // truncated two-byte sequence
                "c0af", // overlong encoding of '/'
                "eda080", // UTF-16 surrogate encoded in UTF-8
                "f4908080", // above U+10FFFF
                "ff",
                "89504e470d0a1a0a0000000d49484452" // a PNG header saved as .md
            })
    void invalidUtf8IsAPerFileError(String hex) throws IOException {
        Path file = Files.write(root.resolve("bad.md"), HexFormat.of().parseHex(hex));
        assertThat(DocumentReader.read(file, 1000)).isEqualTo(new ReadResult.Failure("invalid UTF-8"));
    }

    @Test
    void nulBytesAreBinaryContent() throws IOException {
        Path file = Files.write(root.resolve("nul.md"), new byte[] {'#', ' ', 'x', 0, 'y'});
        assertThat(DocumentReader.read(file, 1000)).isEqualTo(new ReadResult.Failure("binary content (NUL byte)"));
    }

    @Test
    void aMissingOrDeletedFileHasVanished() throws IOException {
        Path file = Files.writeString(root.resolve("gone.md"), "x");
        Files.delete(file);
        assertThat(DocumentReader.read(file, 1000)).isEqualTo(new ReadResult.Failure("vanished"));
        assertThat(DocumentReader.read(root.resolve("no/such/dir/x.md"), 1000))
                .isEqualTo(new ReadResult.Failure("vanished"));
    }

    @Test
    void aSymbolicLinkIsNeverFollowed(@TempDir Path outside) throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.md"), "outside the allowed root");
        Path link = Files.createSymbolicLink(root.resolve("link.md"), secret);
        assertThat(DocumentReader.read(link, 1000)).isEqualTo(new ReadResult.Failure("unreadable: symbolic link"));
    }

    @Test
    void aSymbolicLinkLoopFailsFast() throws IOException {
        Path a = root.resolve("a.md");
        Path b = root.resolve("b.md");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        Path self = Files.createSymbolicLink(root.resolve("self.md"), root.resolve("self.md"));
        assertThat(DocumentReader.read(a, 1000)).isEqualTo(new ReadResult.Failure("unreadable: symbolic link"));
        assertThat(DocumentReader.read(self, 1000)).isEqualTo(new ReadResult.Failure("unreadable: symbolic link"));
    }

    @Test
    void aDirectoryIsNotARegularFile() throws IOException {
        Path dir = Files.createDirectory(root.resolve("folder.md"));
        assertThat(DocumentReader.read(dir, 1000)).isEqualTo(new ReadResult.Failure("unreadable: not a regular file"));
    }

    @Test
    void anUnreadableFile() throws IOException {
        Path file = Files.writeString(root.resolve("locked.md"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "permissions do not stop this user (root) from reading");
        assertThat(DocumentReader.read(file, 1000)).isEqualTo(new ReadResult.Failure("unreadable: permission denied"));
    }

    @Test
    void aFileInAnUnreadableDirectory() throws IOException {
        Path dir = Files.createDirectory(root.resolve("locked"));
        Path file = Files.writeString(dir.resolve("x.md"), "x");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(dir), "permissions do not stop this user (root) from reading");
            assertThat(DocumentReader.read(file, 1000))
                    .isEqualTo(new ReadResult.Failure("unreadable: permission denied"));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatThrownBy(() -> DocumentReader.read(root.resolve("x.md"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
