package io.sdlclens.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The folder source's side of {@link ProjectConfig}: finds {@code .config.yaml} and {@code .version} at the root
 * of a project folder and hands their bytes over. Blocking I/O: call it on a worker. Never throws for a problem
 * with the files; a link is not followed, as nowhere else in a folder is.
 */
public final class FolderConfigFiles {

    private FolderConfigFiles() {}

    /** The configuration of the project folder {@code root}. */
    public static ProjectConfig read(Path root) {
        return ProjectConfig.parse(
                input(root.resolve(ProjectConfig.CONFIG_FILE)), input(root.resolve(ProjectConfig.VERSION_FILE)));
    }

    /** One project file of a folder, as {@link ProjectConfig#parse} takes it. */
    public static ProjectConfig.Input input(Path file) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return ProjectConfig.Input.failed("is a symbolic link, which is not followed");
            }
            if (!attributes.isRegularFile()) {
                return ProjectConfig.Input.failed("is not a regular file");
            }
            try (SeekableByteChannel channel =
                    Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                InputStream in = Channels.newInputStream(channel);
                // One byte past the limit is enough to refuse it; the rest is never read.
                return ProjectConfig.Input.of(in.readNBytes(ProjectConfig.MAX_BYTES + 1));
            }
        } catch (NoSuchFileException e) {
            return ProjectConfig.Input.absent();
        } catch (IOException e) {
            return ProjectConfig.Input.failed("could not be read (" + IoFailures.describe(e) + ")");
        }
    }
}
