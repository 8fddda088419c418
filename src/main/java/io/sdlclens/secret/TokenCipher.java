package io.sdlclens.secret;

import io.quarkus.runtime.Startup;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the tokens the service stores (connections, projects): AES-256-GCM, a fresh random 96-bit nonce per
 * token, stored as {@code nonce || ciphertext || tag}. GCM's tag makes a changed ciphertext or a different key
 * fail to decrypt instead of yielding a wrong token. {@code @Startup}: a malformed key stops the service at once,
 * not at the first request that carries a token.
 */
@Startup
@Singleton
public class TokenCipher {

    static final String KEY_FORMAT = "sdlc-lens.secret-key (SDLC_LENS_SECRET_KEY) must be 32 bytes in base64, "
            + "e.g. the output of `openssl rand -base64 32`";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Below this length a token's last 4 characters would give too much of it away. */
    private static final int SHORTEST_TOKEN_SHOWING_SUFFIX = 8;

    private final Optional<SecretKey> key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public TokenCipher(SecretConfig config) {
        this(config.secretKey());
    }

    /** Also for unit tests: {@code encodedKey} is the configured value, or empty when none is set. */
    public TokenCipher(Optional<String> encodedKey) {
        this.key = encodedKey.filter(value -> !value.isBlank()).map(TokenCipher::parse);
    }

    private static SecretKey parse(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            // never the value itself in the message: it is a secret
            throw new IllegalStateException(KEY_FORMAT + " (the value set is not base64)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(KEY_FORMAT + " (the value set decodes to " + bytes.length + " bytes)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean hasKey() {
        return key.isPresent();
    }

    /** Refuses the request (422 SECRET_KEY_MISSING) when there is no key to store or read a token with. */
    public void requireKey() {
        if (key.isEmpty()) {
            throw new ApiException(
                    422,
                    ErrorCode.SECRET_KEY_MISSING,
                    "The service has no SDLC_LENS_SECRET_KEY to encrypt tokens with: set it to 32 random bytes in"
                            + " base64 (openssl rand -base64 32) and restart, or send the request without a token");
        }
    }

    public byte[] encrypt(String token) {
        requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @throws UndecryptableToken when the bytes were changed or sealed under another key
     */
    public String decrypt(byte[] stored) {
        requireKey();
        if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableToken();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UndecryptableToken();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** What responses show of a token: {@code ****} and its last 4 characters, or {@code ****} alone if short. */
    public static String mask(String token) {
        if (token == null) {
            return null;
        }
        return token.length() < SHORTEST_TOKEN_SHOWING_SUFFIX ? "****" : "****" + token.substring(token.length() - 4);
    }

    /** A stored token that this key cannot open: tampered with, or sealed under a key since replaced. */
    public static final class UndecryptableToken extends RuntimeException {
        UndecryptableToken() {
            super("stored token cannot be decrypted with the configured key", null, false, false);
        }
    }
}
