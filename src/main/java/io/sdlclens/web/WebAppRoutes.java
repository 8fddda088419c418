package io.sdlclens.web;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serving rules of the web app (src/main/resources/web, bundled by the Web Bundler into static resources):
 *
 * <ul>
 *   <li>the bundle's files carry a content hash in their names, so a browser may keep them for a year;
 *   <li>{@code index.html} names the current bundle, so it is revalidated on every load;
 *   <li>any other GET outside the API, the management paths and the bundle is one of the app's own pages (a deep
 *       link, a reload, the back button): it answers {@code index.html} and the app routes in the browser.
 * </ul>
 *
 * Unknown {@code /api/...} paths are left alone and stay JSON 404s.
 */
@ApplicationScoped
public class WebAppRoutes {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String BUNDLE = "/static/bundle/";

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ctx.next();
            return;
        }
        String path = ctx.normalizedPath();
        if (path.equals("/") || path.equals("/index.html")) {
            cacheControl(ctx, REVALIDATE);
        } else if (path.startsWith(BUNDLE)) {
            cacheControl(ctx, IMMUTABLE);
        } else if (isAppPage(path)) {
            ctx.reroute("/");
            return;
        }
        ctx.next();
    }

    static boolean isAppPage(String path) {
        return !under(path, "/api") && !under(path, "/q") && !under(path, "/web-bundler") && !under(path, "/static");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Set when the headers go out, over whatever the static handler chose; errors keep their own. */
    private static void cacheControl(RoutingContext ctx, String value) {
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status == 200 || status == 304) {
                ctx.response().putHeader("Cache-Control", value);
            }
        });
    }
}
