package io.sdlclens.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

/** Which origins count as the request's own host (and pass on to the CORS filter). */
class HttpErrorRoutesTest {

    private static final HostAndPort LENS = HostAndPort.create("lens.example", 8443);

    @Test
    void theRequestsOwnHostIsSameOriginWhateverThePort() {
        assertThat(HttpErrorRoutes.isSameHost("https://lens.example:8443", LENS))
                .isTrue();
        assertThat(HttpErrorRoutes.isSameHost("https://lens.example", LENS)).isTrue();
        assertThat(HttpErrorRoutes.isSameHost("http://LENS.example:80", LENS)).isTrue();
    }

    @Test
    void otherHostsAreNot() {
        assertThat(HttpErrorRoutes.isSameHost("https://evil.example", LENS)).isFalse();
        assertThat(HttpErrorRoutes.isSameHost("https://lens.example.evil.example", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameHost("null", LENS)).isFalse();
        assertThat(HttpErrorRoutes.isSameHost("https://lens.example", null)).isFalse();
    }
}
