package io.sdlclens.project;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService service;

    public ProjectResource(ProjectService service) {
        this.service = service;
    }

    @GET
    public Uni<List<ProjectView>> list() {
        return service.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ProjectView>> create(ProjectRequests.Create request) {
        return service.create(request)
                .map(project -> RestResponse.ResponseBuilder.<ProjectView>created(location(project.slug()))
                        .entity(project)
                        .build());
    }

    @GET
    @Path("/{slug}")
    public Uni<ProjectView> get(@PathParam("slug") String slug) {
        return service.get(slug);
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ProjectView> update(@PathParam("slug") String slug, ProjectRequests.Update request) {
        return service.update(slug, request);
    }

    @DELETE
    @Path("/{slug}")
    public Uni<RestResponse<Void>> delete(@PathParam("slug") String slug) {
        return service.delete(slug).map(ignored -> RestResponse.noContent());
    }

    static URI location(String slug) {
        return URI.create("/api/v1/projects/" + slug);
    }
}
