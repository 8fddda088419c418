package io.sdlclens.secret;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "sdlc-lens")
public interface SecretConfig {

    /**
     * The AES-256 key that encrypts stored tokens: 32 bytes in base64 ({@code openssl rand -base64 32}). Unset:
     * requests that carry a token are refused with SECRET_KEY_MISSING; everything else works.
     */
    Optional<String> secretKey();
}
