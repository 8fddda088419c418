package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenFilterTest {

    static ApiTokenFilter filter(String token, boolean protectReads) {
        return new ApiTokenFilter(new AccessConfig() {
            @Override
            public Optional<String> apiToken() {
                return Optional.ofNullable(token);
            }

            @Override
            public boolean protectReads() {
                return protectReads;
            }
        });
    }

    static int status(Optional<Response> refusal) {
        return refusal.map(Response::getStatus).orElse(200);
    }

    @Test
    void withoutATokenEverythingIsOpen() {
        ApiTokenFilter open = filter(null, true);
        assertThat(status(open.check("POST", "/api/v1/projects", null))).isEqualTo(200);
        assertThat(status(filter("  ", false).check("DELETE", "/api/v1/projects/x", null)))
                .isEqualTo(200);
    }

    @Test
    void writesNeedTheTokenAndReadsStayOpen() {
        ApiTokenFilter filter = filter("s3cret", false);
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertThat(status(filter.check(method, "/api/v1/projects", null))).isEqualTo(401);
            assertThat(status(filter.check(method, "/api/v1/projects", "Bearer wrong")))
                    .isEqualTo(401);
            assertThat(status(filter.check(method, "/api/v1/projects", "Bearer s3cret2")))
                    .isEqualTo(401);
            assertThat(status(filter.check(method, "/api/v1/projects", "Basic s3cret")))
                    .isEqualTo(401);
            assertThat(status(filter.check(method, "/api/v1/projects", "Bearer s3cret")))
                    .isEqualTo(200);
            assertThat(status(filter.check(method, "/api/v1/projects", "bearer  s3cret ")))
                    .isEqualTo(200);
        }
        assertThat(status(filter.check("GET", "/api/v1/projects", null))).isEqualTo(200);
        assertThat(status(filter.check("POST", "/q/health/ready", null))).isEqualTo(200);
    }

    @Test
    void protectedReadsNeedItTooButServiceHealthStaysOpen() {
        ApiTokenFilter filter = filter("s3cret", true);
        assertThat(status(filter.check("GET", "/api/v1/projects", null))).isEqualTo(401);
        assertThat(status(filter.check("GET", "/api/v1/search", "Bearer s3cret")))
                .isEqualTo(200);
        assertThat(status(filter.check("GET", "/api/v1/system/health", null))).isEqualTo(200);
        assertThat(status(filter.check("GET", "/q/metrics", null))).isEqualTo(200);
    }

    @Test
    void webhooksPassWithoutItButOnlyTheirOwnPaths() {
        ApiTokenFilter filter = filter("s3cret", true);
        assertThat(status(filter.check("POST", "/api/v1/hooks/github", null))).isEqualTo(200);
        assertThat(status(filter.check("POST", "/api/v1/hooks/gitlab", null))).isEqualTo(200);
        // the router resolves dot segments: a prefix match would let these reach the projects unguarded
        assertThat(status(filter.check("POST", "/api/v1/hooks/../projects", null)))
                .isEqualTo(401);
        assertThat(status(filter.check("POST", "/api/v1/hooks/github/../../projects", null)))
                .isEqualTo(401);
        assertThat(status(filter.check("POST", "/api/v1/hooks/", null))).isEqualTo(401);
    }

    @Test
    void theRefusalIsTheEnvelopeWithAChallenge() {
        Response refusal =
                filter("s3cret", false).check("POST", "/api/v1/projects", null).orElseThrow();
        assertThat(refusal.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(refusal.getEntity().toString()).contains("UNAUTHORIZED");
    }
}
