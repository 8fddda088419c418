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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The app's view of the service's health, computed from the same readiness checks Kubernetes probes. */
@Path("/api/v1/system/health")
@Tag(name = "System")
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
    @Operation(summary = "Service health, from the readiness checks")
    @APIResponse(
            responseCode = "200",
            description = "Healthy: the database answers and the schema is current",
            content = @Content(schema = @Schema(implementation = SystemHealth.class)))
    @APIResponse(
            responseCode = "503",
            description = "Unhealthy: the database cannot be reached or readiness is down",
            content = @Content(schema = @Schema(implementation = SystemHealth.class)))
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
