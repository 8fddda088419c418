package io.sdlclens.source;

import java.util.Optional;

/**
 * What a git operation authenticates with: an access token sent as the HTTP Basic password of the user
 * {@code x-access-token} (GitHub, GitLab, Gitea and Bitbucket accept it), or nothing for a public repository.
 *
 * <p>The token is never part of {@link #toString()}, so it cannot reach a log line through string
 * concatenation.
 */
public final class GitCredentials {

    /** The user name hosting services expect alongside a token used as a password. */
    static final String TOKEN_USER = "x-access-token";

    private static final GitCredentials NONE = new GitCredentials(null);

    private final String accessToken;

    private GitCredentials(String accessToken) {
        this.accessToken = accessToken;
    }

    /** No credentials: only public repositories can be read. */
    public static GitCredentials none() {
        return NONE;
    }

    /** A token; a null or blank token means no credentials. */
    public static GitCredentials token(String accessToken) {
        return accessToken == null || accessToken.isBlank() ? NONE : new GitCredentials(accessToken);
    }

    Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    public boolean isPresent() {
        return accessToken != null;
    }

    /** {@code text} with every occurrence of the token replaced, for messages built from foreign text. */
    String redact(String text) {
        if (text == null || accessToken == null) {
            return text;
        }
        return text.replace(accessToken, "****");
    }

    @Override
    public String toString() {
        return accessToken == null ? "GitCredentials[none]" : "GitCredentials[token ****]";
    }
}
