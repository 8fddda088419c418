package io.sdlclens.source;

import io.sdlclens.secret.TokenCipher;
import io.sdlclens.source.GitSourceException.Reason;
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

    /**
     * The credentials of a project as stored: its connection's token wins over its own {@code access_token}
     * (API.md "Sources"); both are ciphertext of {@link TokenCipher}, either may be null.
     *
     * @throws GitSourceException {@code AUTHENTICATION_REFUSED} when the stored token cannot be decrypted (the
     *     key was changed or is missing): the message says to set the token again, and never holds it
     */
    public static GitCredentials stored(TokenCipher cipher, byte[] connectionToken, byte[] projectToken) {
        byte[] sealed = connectionToken != null ? connectionToken : projectToken;
        if (sealed == null) {
            return NONE;
        }
        if (!cipher.hasKey()) {
            throw new GitSourceException(
                    Reason.AUTHENTICATION_REFUSED,
                    "the stored access token cannot be used: the service has no SDLC_LENS_SECRET_KEY to decrypt it"
                            + " (set the key it was stored with)");
        }
        try {
            return token(cipher.decrypt(sealed));
        } catch (TokenCipher.UndecryptableToken e) {
            throw new GitSourceException(
                    Reason.AUTHENTICATION_REFUSED,
                    "the stored access token cannot be decrypted with SDLC_LENS_SECRET_KEY (was the key changed?):"
                            + " set the token again");
        }
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
