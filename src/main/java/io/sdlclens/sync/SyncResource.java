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
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/projects/{slug}")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final SyncService service;

    public SyncResource(SyncService service) {
        this.service = service;
    }

    /** The answer to a trigger: the run started and where to follow it. */
    public record SyncStarted(String slug, String syncStatus, String message, UUID runId) {}

    @POST
    @Path("/sync")
    public Uni<RestResponse<SyncStarted>> trigger(@PathParam("slug") String slug) {
        return service.trigger(slug)
                .map(job -> RestResponse.ResponseBuilder.accepted(
                                new SyncStarted(job.slug(), "syncing", "Sync started", job.runId()))
                        .location(URI.create("/api/v1/projects/" + job.slug() + "/sync-runs/" + job.runId()))
                        .build());
    }

    @GET
    @Path("/sync-runs")
    public Uni<List<SyncRunView>> runs(@PathParam("slug") String slug, @QueryParam("limit") String limit) {
        int parsed =
                QueryParams.wholeNumber("limit", limit, SyncService.DEFAULT_RUN_LIMIT, 1, SyncService.MAX_RUN_LIMIT);
        return service.recentRuns(slug, parsed).flatMap(service::withErrors);
    }

    @GET
    @Path("/sync-runs/{runId}")
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
