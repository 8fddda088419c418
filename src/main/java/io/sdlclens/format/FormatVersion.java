package io.sdlclens.format;

/** Versioning for what this package derives from a file. */
public final class FormatVersion {

    /**
     * Stored as {@code parser_epoch}. Bump it whenever parsing, identity inference or status
     * canonicalisation changes, so that unchanged files are re-parsed instead of keeping stale columns.
     */
    public static final int PARSER_EPOCH = 1;

    private FormatVersion() {}
}
