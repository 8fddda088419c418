package io.sdlclens.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads one document file safely: size-capped, strict UTF-8, never through a symbolic link. */
public final class DocumentReader {

    /** The default for {@code sdlc-lens.sync.max-file-size}. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    static final String TOO_LARGE = "file too large";
    static final String INVALID_UTF8 = "invalid UTF-8";
    // PostgreSQL TEXT cannot store U+0000, so such a file would fail at insert time instead of here.
    static final String BINARY = "binary content (NUL byte)";

    // A Java String cannot hold more than this many bytes' worth of text anyway.
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private DocumentReader() {}

    /** Reads {@code file}; never throws for problems with the file itself, which are per-file failures. */
    public static ReadResult read(Path file, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
        byte[] bytes;
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return unreadable("symbolic link");
            }
            if (!attributes.isRegularFile()) {
                return unreadable("not a regular file");
            }
            // The size is checked before any byte is read, so a 2 GB file costs nothing. NOFOLLOW_LINKS on
            // open closes the gap if the file is swapped for a link after the check above.
            try (SeekableByteChannel channel =
                    Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                if (attributes.size() > limit || channel.size() > limit) {
                    return new ReadResult.Failure(TOO_LARGE);
                }
                InputStream in = Channels.newInputStream(channel);
                // One byte past the limit tells us if the file grew while we were reading it.
                bytes = in.readNBytes((int) limit + 1);
            }
        } catch (NoSuchFileException e) {
            return new ReadResult.Failure(IoFailures.VANISHED);
        } catch (IOException e) {
            return unreadable(IoFailures.describe(e));
        }
        if (bytes.length > limit) {
            return new ReadResult.Failure(TOO_LARGE);
        }
        return decode(bytes);
    }

    /**
     * Applies the document rules to bytes read from elsewhere (a git blob): strict UTF-8, no NUL, line endings
     * normalised, so every source decodes a document the same way.
     */
    public static ReadResult decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new ReadResult.Failure(INVALID_UTF8);
        }
        if (text.indexOf('\0') >= 0) {
            return new ReadResult.Failure(BINARY);
        }
        return new ReadResult.Success(FrontMatterParser.normalise(text), sha256(bytes), bytes.length);
    }

    /** The per-file failure for a document over the size limit, for sources that know the size up front. */
    public static ReadResult tooLarge() {
        return new ReadResult.Failure(TOO_LARGE);
    }

    private static ReadResult unreadable(String reason) {
        return new ReadResult.Failure("unreadable: " + reason);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
