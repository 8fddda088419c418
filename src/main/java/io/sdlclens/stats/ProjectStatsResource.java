package io.sdlclens.stats;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One project's statistics. Every project-scoped resource declares the class path {@code /api/v1/projects} and puts
 * {@code /{slug}/…} on its methods: the router answers 405 (not 404) for a known path with the wrong method only
 * among resources that share one class path.
 */
@Path("/api/v1/projects")
@Tag(name = "Statistics")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectStatsResource {

    private final StatsService service;

    public ProjectStatsResource(StatsService service) {
        this.service = service;
    }

    @GET
    @Path("/{slug}/stats")
    @Operation(summary = "Statistics of one project")
    @APIResponse(
            responseCode = "200",
            description = "Statistics of one project",
            content = @Content(schema = @Schema(implementation = StatsService.ProjectStats.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<StatsService.ProjectStats> project(@PathParam("slug") String slug) {
        return service.project(slug);
    }
}
