package io.sdlclens.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparing a presented secret (a bearer token, a webhook token) with the configured one. */
public final class Secrets {

    private Secrets() {}

    /** The SHA-256 digest of {@code secret}, the form {@link #matches} compares. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Whether {@code presented} is the secret whose digest is {@code expectedDigest}. Digests are compared in
     * constant time ({@link MessageDigest#isEqual}) and always have the same length, so the time taken tells
     * nothing about the secret's length or how much of it matched.
     */
    public static boolean matches(byte[] expectedDigest, String presented) {
        return presented != null && MessageDigest.isEqual(expectedDigest, digest(presented));
    }
}
