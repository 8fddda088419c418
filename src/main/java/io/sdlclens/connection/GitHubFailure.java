package io.sdlclens.connection;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.ErrorCode;

/**
 * How a GitHub request failed, before the caller decides what it means for its client: a refused token is
 * INVALID_TOKEN when a connection is saved or validated, AUTH_FAILED while browsing. Messages never hold a token.
 */
public final class GitHubFailure extends RuntimeException {

    public enum Kind {
        /** 401: the token is wrong, expired or revoked (or a stored one cannot be decrypted). */
        UNAUTHORIZED,
        /** 403 without rate limiting: the token may not see this (scopes, organisation SSO). */
        FORBIDDEN,
        /** The rate limit is spent; {@link #retryAfterSeconds()} says when to come back. */
        RATE_LIMITED,
        NOT_FOUND,
        /** 5xx, an unexpected answer, a timeout, or no connection at all. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    GitHubFailure(Kind kind, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    GitHubFailure(Kind kind, String message) {
        this(kind, message, 0);
    }

    public static GitHubFailure undecryptable(String label) {
        return new GitHubFailure(
                Kind.UNAUTHORIZED,
                "The stored token of connection '" + label + "' cannot be decrypted with the configured"
                        + " SDLC_LENS_SECRET_KEY: restore the key it was saved with, or save the token again");
    }

    public Kind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The API's answer; {@code unauthorizedCode} is INVALID_TOKEN or AUTH_FAILED, by what the caller was doing. */
    public ApiException toApi(String unauthorizedCode) {
        return switch (kind) {
            case UNAUTHORIZED, FORBIDDEN -> new ApiException(401, unauthorizedCode, getMessage());
            case RATE_LIMITED ->
                new ApiException(429, ErrorCode.RATE_LIMITED, getMessage())
                        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
            case NOT_FOUND -> ApiException.notFound(getMessage());
            case UNAVAILABLE -> new ApiException(502, ErrorCode.GITHUB_ERROR, getMessage());
        };
    }
}
