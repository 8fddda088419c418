package io.sdlclens.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.secret.TokenCipher;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Without SDLC_LENS_SECRET_KEY, a request carrying a token to store is refused before anything else happens. The
 * service has neither a repository nor a GitHub client here: touching either would fail the test, which proves
 * the refusal comes first (and needs no Quarkus restart with another profile).
 */
class ConnectionServiceTest {

    private final ConnectionService withoutKey = new ConnectionService(null, null, new TokenCipher(Optional.empty()));

    @Test
    void savingAConnectionWithoutAKeyIsSecretKeyMissing() {
        assertThatThrownBy(() -> withoutKey
                        .create(new ConnectionViews.Create("work", "ghp_abcdefgh12345678"))
                        .await()
                        .indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo(ErrorCode.SECRET_KEY_MISSING);
                    assertThat(e.getMessage()).doesNotContain("ghp_abcdefgh12345678");
                });
    }

    @Test
    void rotatingWithoutAKeyIsSecretKeyMissing() {
        assertThatThrownBy(() -> withoutKey
                        .rotate(1, new ConnectionViews.Rotate("ghp_abcdefgh12345678"))
                        .await()
                        .indefinitely())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SECRET_KEY_MISSING));
    }

    @Test
    void anInvalidBodyIsReportedBeforeTheMissingKey() {
        assertThatThrownBy(() -> withoutKey
                        .create(new ConnectionViews.Create(" ", "ghp_abcdefgh12345678"))
                        .await()
                        .indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).isEqualTo("label: must not be blank");
                });
    }
}
