package io.sdlclens.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.json.Json;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The envelope for refusals that happen before a request reaches a resource, where exception mappers never run.
 * The HTTP layer would answer each with an empty body; these routes run just before it and answer in the
 * contract's shape:
 *
 * <ul>
 *   <li>a declared body larger than {@code quarkus.http.limits.max-body-size} (413);
 *   <li>a chunked body, which has no length to check up front: it is read here, counted against the same limit
 *       (413 past it), and handed to the resource whole, so a body cut at the limit never parses as short JSON;
 *   <li>the same two under a path with a smaller limit of its own ({@link #capBodies});
 *   <li>a NUL in a path segment (404);
 *   <li>a cross-origin request from an origin the CORS configuration does not allow, or from an allowed origin
 *       with a method outside the allowed list (403).
 * </ul>
 */
@ApplicationScoped
public class HttpErrorRoutes {

    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;
    private final boolean corsEnabled;
    private final Set<String> exactOrigins;
    private final List<Pattern> originPatterns;
    private final Set<String> allowedMethods;

    public HttpErrorRoutes(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> corsMethods) {
        this.corsEnabled = corsEnabled;
        this.exactOrigins = corsOrigins.map(Set::copyOf).orElse(Set.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(corsOrigins);
        // Upper-cased like HTTP method names; no list (or "*") means the filter allows every method.
        this.allowedMethods = corsMethods
                .filter(m -> !m.contains("*"))
                .map(m -> m.stream()
                        .map(String::trim)
                        .map(name -> name.toUpperCase(java.util.Locale.ROOT))
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)))
                .orElse(null);
        this.maxBodyBytes = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversizedBody);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseNulInPath);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::bodyTooLarge);
        if (corsEnabled && !exactOrigins.contains("*")) {
            router.route().order(Integer.MIN_VALUE).handler(this::refuseForeignOrigin);
        }
    }

    /** No project, document or run has a NUL in its name, and PostgreSQL could not even look one up. */
    private void refuseNulInPath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            refuse(ctx, 404, ErrorCode.NOT_FOUND, "Resource not found");
            return;
        }
        ctx.next();
    }

    /**
     * Caps bodies under {@code path} (a route path, e.g. {@code /api/v1/hooks/*}) at {@code maxBytes}, or at the
     * global limit where that is lower (the HTTP layer enforces it anyway), with the same checks and answers as
     * the global limit. It runs before the global check, which then finds a chunked body already read and counted.
     */
    public void capBodies(Router router, String path, long maxBytes) {
        long cap = Math.min(maxBytes, maxBodyBytes);
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(cap);
        router.route(path)
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2)
                .handler(ctx -> refuseOversizedBody(ctx, cap, chunked));
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        refuseOversizedBody(ctx, maxBodyBytes, chunkedBodies);
    }

    private static void refuseOversizedBody(RoutingContext ctx, long limit, BodyHandler chunked) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared, limit)) {
            refuseTooLarge(ctx);
            return;
        }
        if (declared == null && isChunked(ctx)) {
            // a BodyHandler that already read this body (a path's own cap) passes it on untouched
            chunked.handle(ctx);
            return;
        }
        ctx.next();
    }

    /**
     * The CORS filter refuses with an empty 403 a foreign origin, and a configured origin using a method outside
     * {@code quarkus.http.cors.methods} (a plain {@code OPTIONS} without {@code Access-Control-Request-Method}
     * included). This makes the same decisions first and answers them in the envelope. Same-origin requests pass
     * on: the filter checks methods only for configured origins. A preflight asking for a method or header
     * outside the lists is left to the filter, which answers 200 with the allowed lists and lets the browser
     * refuse: no empty-bodied error reaches anyone there.
     */
    private void refuseForeignOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean configured = exactOrigins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin);
        if (!configured
                && !isSameOrigin(origin, ctx.request().scheme(), ctx.request().authority())) {
            refuse(
                    ctx,
                    403,
                    ErrorCode.FORBIDDEN,
                    "Origin " + origin + " is not allowed to call this API: add it to QUARKUS_HTTP_CORS_ORIGINS"
                            + " (comma-separated origins, or /regex/)");
            return;
        }
        if (configured
                && !isPreflight(ctx)
                && !methodAllowed(ctx.request().method().name())) {
            refuse(
                    ctx,
                    403,
                    ErrorCode.FORBIDDEN,
                    "Method " + ctx.request().method().name() + " is not allowed for cross-origin requests;"
                            + " allowed: " + String.join(", ", allowedMethods)
                            + " (quarkus.http.cors.methods, QUARKUS_HTTP_CORS_METHODS)");
            return;
        }
        ctx.next();
    }

    /** The filter answers an OPTIONS with either request header as a preflight, before any method check. */
    private static boolean isPreflight(RoutingContext ctx) {
        return ctx.request().method() == io.vertx.core.http.HttpMethod.OPTIONS
                && (ctx.request().getHeader("Access-Control-Request-Method") != null
                        || ctx.request().getHeader("Access-Control-Request-Headers") != null);
    }

    private boolean methodAllowed(String method) {
        return allowedMethods == null || allowedMethods.contains(method);
    }

    /**
     * Whether the origin is the request's own: same scheme, host and port, default ports (80, 443) normalised,
     * as the CORS filter compares them. Scheme and authority come from the request, which already carries the
     * {@code X-Forwarded-*} values when proxy forwarding is enabled, as the filter sees them.
     */
    static boolean isSameOrigin(String origin, String requestScheme, HostAndPort authority) {
        if (authority == null || requestScheme == null) {
            return false;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().equalsIgnoreCase(requestScheme)) {
            return false;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String requestHost = authority.host();
        if (requestHost.startsWith("[") && requestHost.endsWith("]")) {
            requestHost = requestHost.substring(1, requestHost.length() - 1);
        }
        return host.equalsIgnoreCase(requestHost)
                && port(uri.getPort(), requestScheme) == port(authority.port(), requestScheme);
    }

    private static int port(int port, String scheme) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static boolean isChunked(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private void bodyTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() != 413 || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        refuseTooLarge(ctx);
    }

    /** The rest of an oversized body is not worth reading: the connection closes after the answer. */
    private static void refuseTooLarge(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        refuse(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large");
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.encode(ErrorBody.of(code, message)));
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed length itself
        }
    }
}
