package io.sdlclens.source;

/**
 * A git operation failed for a reason a person can act on. The message says what to fix; it never holds a
 * token, and no cause is attached, so a log line or a stored sync error cannot leak what JGit saw.
 */
public final class GitSourceException extends RuntimeException {

    /** The closed set of reasons, stable for callers that map them to codes. */
    public enum Reason {
        INVALID_URL,
        SCHEME_NOT_ALLOWED,
        HOST_NOT_ALLOWED,
        AUTHENTICATION_REFUSED,
        REPOSITORY_NOT_FOUND,
        BRANCH_NOT_FOUND,
        PATH_NOT_FOUND,
        REDIRECT_REFUSED,
        UNREACHABLE,
        TIMED_OUT,
        TOO_LARGE,
        FAILED
    }

    private final Reason reason;

    GitSourceException(Reason reason, String message) {
        super(message, null, false, true);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
