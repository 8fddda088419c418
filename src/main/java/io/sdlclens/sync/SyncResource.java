package io.sdlclens.sync;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A project's sync trigger and its runs. Every project-scoped resource declares the class path {@code
 * /api/v1/projects} and puts {@code /{slug}/…} on its methods: the router answers 405 (not 404) for a known path
 * with the wrong method only among resources that share one class path.
 */
@Path("/api/v1/projects")
@Tag(name = "Sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final SyncService service;

    public SyncResource(SyncService service) {
        this.service = service;
    }

    /** The answer to a trigger: the run started and where to follow it. */
    public record SyncStarted(String slug, String syncStatus, String message, UUID runId) {}

    @POST
    @Path("/{slug}/sync")
    @Operation(summary = "Start a sync of the project's folder; it runs in the background")
    @APIResponse(
            responseCode = "202",
            description = "The sync started",
            headers = @Header(name = "Location", description = "/api/v1/projects/{slug}/sync-runs/{run_id}"),
            content = @Content(schema = @Schema(implementation = SyncStarted.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "SyncInProgress")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<RestResponse<SyncStarted>> trigger(@PathParam("slug") String slug) {
        return service.trigger(slug)
                .map(job -> RestResponse.ResponseBuilder.accepted(
                                new SyncStarted(job.slug(), "syncing", "Sync started", job.runId()))
                        .location(URI.create("/api/v1/projects/" + job.slug() + "/sync-runs/" + job.runId()))
                        .build());
    }

    @GET
    @Path("/{slug}/sync-runs")
    @Operation(summary = "The project's sync runs, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The runs",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = SyncRunView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<List<SyncRunView>> runs(
            @PathParam("slug") String slug,
            @Parameter(description = "How many runs, 1 to 100 (larger values are capped); default 20")
                    @QueryParam("limit")
                    String limit) {
        int parsed =
                QueryParams.wholeNumber("limit", limit, SyncService.DEFAULT_RUN_LIMIT, 1, SyncService.MAX_RUN_LIMIT);
        return service.recentRuns(slug, parsed).flatMap(service::withErrors);
    }

    @GET
    @Path("/{slug}/sync-runs/{runId}")
    @Operation(summary = "One sync run with its counts and file errors")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = SyncRunView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<SyncRunView> run(@PathParam("slug") String slug, @PathParam("runId") String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ApiException.notFound("Sync run not found"));
        }
        return service.run(slug, id);
    }
}
