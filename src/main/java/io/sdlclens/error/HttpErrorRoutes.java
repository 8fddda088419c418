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
 *   <li>a NUL in a path segment (404);
 *   <li>a cross-origin request from an origin the CORS configuration does not allow (403).
 * </ul>
 */
@ApplicationScoped
public class HttpErrorRoutes {

    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;
    private final boolean corsEnabled;
    private final Set<String> exactOrigins;
    private final List<Pattern> originPatterns;

    public HttpErrorRoutes(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.corsEnabled = corsEnabled;
        this.exactOrigins = corsOrigins.map(Set::copyOf).orElse(Set.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(corsOrigins);
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

    private void refuseOversizedBody(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared)) {
            refuseTooLarge(ctx);
            return;
        }
        if (declared == null && isChunked(ctx)) {
            chunkedBodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    /**
     * The CORS filter refuses a foreign origin with an empty 403; this answers the same refusal first, in the
     * envelope. Same-origin requests (the origin names the host the request was sent to) pass on to the filter.
     */
    private void refuseForeignOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null
                || exactOrigins.contains(origin)
                || CORSFilter.isOriginAllowedByRegex(originPatterns, origin)
                || isSameHost(origin, ctx.request().authority())) {
            ctx.next();
            return;
        }
        refuse(ctx, 403, ErrorCode.FORBIDDEN, "Origin not allowed");
    }

    /**
     * Whether the origin names the host this request was sent to. Ports are ignored: this check only decides who
     * answers a refusal, and a doubtful case is left to the CORS filter.
     */
    static boolean isSameHost(String origin, HostAndPort authority) {
        if (authority == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        String host = scheme < 0 ? origin : origin.substring(scheme + 3);
        int port = host.lastIndexOf(':');
        if (port > host.lastIndexOf(']')) {
            host = host.substring(0, port);
        }
        return host.equalsIgnoreCase(authority.host());
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

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed length itself
        }
    }
}
