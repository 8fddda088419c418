package io.sdlclens.hooks;

import io.sdlclens.error.HttpErrorRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The webhooks' own body limit (1 MB, whatever the service-wide limit allows other requests), and the count of
 * deliveries refused by it, wherever the 413 is answered: up front, mid-way through a chunked body, or while the
 * body is read for the resource.
 */
@ApplicationScoped
public class WebhookRoutes {

    /** A push payload of GitHub or GitLab (20 commits at most, file lists included) stays far below this. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private static final String HOOKS = "/api/v1/hooks/";

    private final HttpErrorRoutes errorRoutes;
    private final WebhookMetrics metrics;

    public WebhookRoutes(HttpErrorRoutes errorRoutes, WebhookMetrics metrics) {
        this.errorRoutes = errorRoutes;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route(HOOKS + "*").order(Integer.MIN_VALUE).handler(this::countRefusedBodies);
        errorRoutes.capBodies(router, HOOKS + "*", MAX_BODY_BYTES);
    }

    private void countRefusedBodies(RoutingContext ctx) {
        Provider provider = provider(ctx.request().path());
        if (provider != null) {
            ctx.addEndHandler(ended -> {
                if (ctx.response().getStatusCode() == 413) {
                    metrics.delivered(provider, WebhookMetrics.Outcome.TOO_LARGE);
                }
            });
        }
        ctx.next();
    }

    private static Provider provider(String path) {
        for (Provider provider : Provider.values()) {
            if ((HOOKS + provider.wireName()).equals(path)) {
                return provider;
            }
        }
        return null;
    }
}
