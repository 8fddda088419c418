package io.sdlclens.format;

/** The outcome of reading one document file: its text, or a per-file failure that must not fail the run. */
public sealed interface ReadResult permits ReadResult.Success, ReadResult.Failure {

    /**
     * @param text decoded UTF-8 without BOM, line endings normalised to {@code \n}
     * @param sha256 lower-case hex digest of the raw bytes as stored on disk
     * @param size number of raw bytes
     */
    record Success(String text, String sha256, long size) implements ReadResult {}

    /**
     * @param reason short and stable: {@code file too large}, {@code invalid UTF-8}, {@code binary content (NUL
     *     byte)}, {@code vanished} or {@code unreadable: <short reason>}
     */
    record Failure(String reason) implements ReadResult {}
}
