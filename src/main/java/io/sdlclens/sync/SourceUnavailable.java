package io.sdlclens.sync;

/**
 * A project's source cannot be read at all (a folder gone, a repository refused): the run ends {@code error}
 * with this message, which says what to fix, and nothing is deleted. No cause and no stack trace: the message is
 * all a log line or the stored error ever shows.
 */
public final class SourceUnavailable extends RuntimeException {

    public SourceUnavailable(String message) {
        super(message, null, false, false);
    }
}
