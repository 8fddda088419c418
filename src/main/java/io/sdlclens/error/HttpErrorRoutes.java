package io.sdlclens.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The envelope for a refusal that happens before a request reaches a resource, where exception mappers never
 * run: a declared body larger than {@code quarkus.http.limits.max-body-size}. The HTTP layer would answer that
 * with an empty 413; this route runs just before it and answers in the contract's shape. (A chunked body that
 * grows past the limit is refused while being read, and reaches the exception mappers.)
 */
@ApplicationScoped
public class HttpErrorRoutes {

    private final long maxBodyBytes;

    public HttpErrorRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.maxBodyBytes = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversizedBody);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseNulInPath);
    }

    /** No project, document or run has a NUL in its name, and PostgreSQL could not even look one up. */
    private void refuseNulInPath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(ErrorBody.of(ErrorCode.NOT_FOUND, "Resource not found")));
            return;
        }
        ctx.next();
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && exceeds(declared)) {
            ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(Json.encode(ErrorBody.of(ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large")));
            return;
        }
        ctx.next();
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec rejects a malformed length itself
        }
    }
}
