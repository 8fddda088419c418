package io.sdlclens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Real sdlc-studio folders on disk for tests. */
public final class Folders {

    // removed when the test JVM exits (the service under test may still hold some open until then)
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(Folders::deleteQuietly)));
    }

    private Folders() {}

    /**
     * A new empty folder under the system temp directory (inside the test profile's allowed roots), removed with
     * everything in it when the test JVM exits.
     */
    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix).toRealPath();
            CREATED.add(folder);
            return folder;
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

    private static void deleteQuietly(Path root) {
        try (Stream<Path> tree = Files.walk(root)) {
            // deepest first; a test may have taken permissions away, so give them back on the way
            tree.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(file -> {
                file.getParentFile().setWritable(true);
                file.setWritable(true);
                file.delete();
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp folder is not worth failing a finished run
        }
    }
}
