package io.sdlclens.system;

import io.sdlclens.error.ApiExceptionMappers;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.secret.Secrets;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Optional bearer-token protection of the API: writes always, reads when configured. Probes and metrics under
 * /q stay open for the orchestrator, as does the service health the app polls. The webhooks under /api/v1/hooks/
 * pass too: GitHub and GitLab cannot send our bearer token, and each delivery proves itself by its signature.
 */
public class ApiTokenFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String PUBLIC_HEALTH = "/api/v1/system/health";
    private static final String BEARER = "Bearer ";
    /**
     * Exact paths: a prefix would also exempt {@code /api/v1/hooks/../projects}, which the router resolves to a
     * route that needs the token.
     */
    private static final Set<String> WEBHOOKS = Set.of("/api/v1/hooks/github", "/api/v1/hooks/gitlab");

    private final Optional<byte[]> expectedDigest;
    private final boolean protectReads;

    public ApiTokenFilter(AccessConfig config) {
        this.expectedDigest =
                config.apiToken().filter(token -> !token.isBlank()).map(Secrets::digest);
        this.protectReads = config.protectReads();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireToken(HttpServerRequest request) {
        return check(request.method().name(), request.path(), request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** The refusal for a request that needs the token and lacks it; empty when the request may go on. */
    Optional<Response> check(String method, String path, String header) {
        if (expectedDigest.isEmpty() || !needsToken(method, path)) {
            return Optional.empty();
        }
        if (header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && Secrets.matches(
                        expectedDigest.get(), header.substring(BEARER.length()).strip())) {
            return Optional.empty();
        }
        Response refusal = ApiExceptionMappers.respond(401, ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
        refusal.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return Optional.of(refusal);
    }

    private boolean needsToken(String method, String path) {
        if (path == null || !path.startsWith("/api/") || path.equals(PUBLIC_HEALTH) || WEBHOOKS.contains(path)) {
            return false;
        }
        return protectReads || !READ_METHODS.contains(method);
    }
}
