package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

// The permission branches cannot be reached through the file system when tests run as root.
class IoFailuresTest {

    @Test
    void describesCommonFailuresBriefly() {
        assertThat(IoFailures.describe(new NoSuchFileException("/p/x.md"))).isEqualTo("vanished");
        assertThat(IoFailures.describe(new AccessDeniedException("/p/x.md"))).isEqualTo("permission denied");
        assertThat(IoFailures.describe(new NotDirectoryException("/p"))).isEqualTo("not a directory");
        assertThat(IoFailures.describe(new FileSystemLoopException("/p"))).isEqualTo("symbolic link loop");
    }

    @Test
    void usesTheReasonWithoutThePath() {
        assertThat(IoFailures.describe(new FileSystemException("/very/long/path/x.md", null, "Input/output error")))
                .isEqualTo("Input/output error");
        assertThat(IoFailures.describe(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(IoFailures.describe(new IOException())).isEqualTo("IOException");
    }

    @Test
    void capsLongReasons() {
        assertThat(IoFailures.describe(new IOException("x".repeat(1000))))
                .hasSize(201)
                .endsWith("…");
    }
}
