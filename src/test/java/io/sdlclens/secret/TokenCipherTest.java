package io.sdlclens.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final TokenCipher cipher = new TokenCipher(Optional.of(newKey()));

    @Test
    void aTokenComesBackAsItWentIn() {
        byte[] sealed = cipher.encrypt(TOKEN);

        assertThat(cipher.decrypt(sealed)).isEqualTo(TOKEN);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain(TOKEN)
                .doesNotContain("wxyzAB");
    }

    @Test
    void everyEncryptionHasItsOwnNonce() {
        byte[] first = cipher.encrypt(TOKEN);
        byte[] second = cipher.encrypt(TOKEN);

        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Arrays.copyOf(first, 12)).isNotEqualTo(java.util.Arrays.copyOf(second, 12));
        assertThat(first).hasSize(12 + TOKEN.length() + 16);
    }

    @Test
    void aChangedCiphertextIsRefusedNotMisread() {
        byte[] sealed = cipher.encrypt(TOKEN);
        for (int position : new int[] {0, 12, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 1;
            assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(TokenCipher.UndecryptableToken.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(new byte[5])).isInstanceOf(TokenCipher.UndecryptableToken.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] sealed = cipher.encrypt(TOKEN);
        TokenCipher other = new TokenCipher(Optional.of(newKey()));

        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(TokenCipher.UndecryptableToken.class);
    }

    @Test
    void masksShowTheLastFourCharactersOfLongTokensOnly() {
        assertThat(TokenCipher.mask(TOKEN)).isEqualTo("****yzAB");
        assertThat(TokenCipher.mask("12345678")).isEqualTo("****5678");
        assertThat(TokenCipher.mask("1234567")).isEqualTo("****");
        assertThat(TokenCipher.mask("abcd")).isEqualTo("****");
        assertThat(TokenCipher.mask("")).isEqualTo("****");
        assertThat(TokenCipher.mask(null)).isNull();
    }

    @Test
    void withoutAKeyTokensAreRefusedWithSecretKeyMissing() {
        TokenCipher none = new TokenCipher(Optional.empty());
        TokenCipher blank = new TokenCipher(Optional.of("  "));

        assertThat(none.hasKey()).isFalse();
        assertThat(blank.hasKey()).isFalse();
        assertThatThrownBy(() -> none.encrypt(TOKEN)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo(ErrorCode.SECRET_KEY_MISSING);
            assertThat(e.getMessage()).contains("SDLC_LENS_SECRET_KEY");
        });
        assertThatThrownBy(() -> none.decrypt(new byte[40])).isInstanceOf(ApiException.class);
    }

    @Test
    void aMalformedKeyFailsWithOneLineSayingTheFormatAndNeverTheValue() {
        String notBase64 = "not base64 at all!";
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);

        for (String key : new String[] {notBase64, tooShort}) {
            assertThatThrownBy(() -> new TokenCipher(Optional.of(key)))
                    .isInstanceOfSatisfying(IllegalStateException.class, e -> {
                        assertThat(e.getMessage())
                                .contains("32 bytes in base64")
                                .doesNotContain(key)
                                .doesNotContain("\n");
                    });
        }
    }
}
