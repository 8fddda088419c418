package io.sdlclens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real sdlc-studio folders on disk for tests. */
public final class Folders {

    private Folders() {}

    /** A new empty folder under the system temp directory (inside the test profile's allowed roots). */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder with a few markdown documents. */
    public static Path withDocuments(String prefix, int count) {
        Path root = create(prefix);
        for (int i = 1; i <= count; i++) {
            write(root, "stories/US%04d-story.md".formatted(i), "# Story %d\n\n> **Status:** Draft\n".formatted(i));
        }
        return root;
    }
}
