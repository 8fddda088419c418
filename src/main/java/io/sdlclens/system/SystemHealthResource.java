package io.sdlclens.system;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

/** The app's view of the service's health, computed from the same readiness checks Kubernetes probes. */
@Path("/api/v1/system/health")
@Produces(MediaType.APPLICATION_JSON)
public class SystemHealthResource {

    private final SmallRyeHealthReporter reporter;
    private final String version;

    public SystemHealthResource(
            SmallRyeHealthReporter reporter, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.reporter = reporter;
        this.version = version;
    }

    public record SystemHealth(String status, String database, String version, String migrations, boolean ready) {}

    @GET
    public Uni<RestResponse<SystemHealth>> health() {
        return reporter.getReadinessAsync().map(report -> {
            JsonObject payload = new JsonObject(report.getPayload().toString());
            boolean ready = !report.isDown();
            boolean databaseUp = true;
            String migrations = "unknown";
            JsonArray checks = payload.getJsonArray("checks", new JsonArray());
            for (int i = 0; i < checks.size(); i++) {
                JsonObject check = checks.getJsonObject(i);
                boolean up = "UP".equals(check.getString("status"));
                if (MigrationsReadinessCheck.NAME.equals(check.getString("name"))) {
                    JsonObject data = check.getJsonObject("data", new JsonObject());
                    migrations = data.getString("migrations", up ? "current" : "unknown");
                } else if (!up) {
                    // Every other readiness check is a database connection check.
                    databaseUp = false;
                }
            }
            SystemHealth body = new SystemHealth(
                    ready ? "healthy" : "unhealthy",
                    databaseUp ? "connected" : "disconnected",
                    version,
                    migrations,
                    ready);
            return RestResponse.status(ready ? RestResponse.Status.OK : RestResponse.Status.SERVICE_UNAVAILABLE, body);
        });
    }
}
