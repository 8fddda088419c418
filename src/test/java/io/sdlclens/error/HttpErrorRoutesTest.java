package io.sdlclens.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

/** Which origins count as the request's own (and pass on to the CORS filter): scheme, host and port. */
class HttpErrorRoutesTest {

    private static final HostAndPort LENS = HostAndPort.create("lens.example", 8443);
    private static final HostAndPort LENS_DEFAULT_PORT = HostAndPort.create("lens.example", -1);

    @Test
    void theRequestsOwnSchemeHostAndPortIsSameOrigin() {
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example:8443", "https", LENS))
                .isTrue();
        assertThat(HttpErrorRoutes.isSameOrigin("https://LENS.example:8443", "https", LENS))
                .isTrue();
        // Default ports are normalised on both sides.
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example", "https", LENS_DEFAULT_PORT))
                .isTrue();
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example:443", "https", LENS_DEFAULT_PORT))
                .isTrue();
        assertThat(HttpErrorRoutes.isSameOrigin("http://lens.example:80", "http", LENS_DEFAULT_PORT))
                .isTrue();
    }

    @Test
    void anotherPortSchemeOrHostIsNot() {
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example", "https", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example:5173", "https", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("http://lens.example:8443", "https", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("https://evil.example:8443", "https", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example.evil.example:8443", "https", LENS))
                .isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("null", "https", LENS)).isFalse();
        assertThat(HttpErrorRoutes.isSameOrigin("https://lens.example", "https", null))
                .isFalse();
    }
}
