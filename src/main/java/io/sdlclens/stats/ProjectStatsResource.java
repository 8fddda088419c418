package io.sdlclens.stats;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/projects/{slug}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectStatsResource {

    private final StatsService service;

    public ProjectStatsResource(StatsService service) {
        this.service = service;
    }

    @GET
    public Uni<StatsService.ProjectStats> project(@PathParam("slug") String slug) {
        return service.project(slug);
    }
}
