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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/projects")
@Tag(name = "Projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService service;

    public ProjectResource(ProjectService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List projects, oldest first")
    @APIResponse(
            responseCode = "200",
            description = "The projects",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = ProjectView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .ARRAY)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<List<ProjectView>> list() {
        return service.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a folder as a project")
    @APIResponse(
            responseCode = "201",
            description = "Registered",
            headers = @Header(name = "Location", description = "/api/v1/projects/{slug}"),
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", ref = "PathNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<RestResponse<ProjectView>> create(ProjectRequests.Create request) {
        return service.create(request)
                .map(project -> RestResponse.ResponseBuilder.<ProjectView>created(location(project.slug()))
                        .entity(project)
                        .build());
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Get one project")
    @APIResponse(
            responseCode = "200",
            description = "The project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<byte[]> get(@PathParam("slug") String slug) {
        // The bytes the JSON mapper would write for the view, serialised once per change (polled endpoint).
        return service.getJson(slug);
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a project's name and/or path; the slug never changes")
    @APIResponse(
            responseCode = "200",
            description = "The changed project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "400", ref = "PathNotFound")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ProjectView> update(@PathParam("slug") String slug, ProjectRequests.Update request) {
        return service.update(slug, request);
    }

    @DELETE
    @Path("/{slug}")
    @Operation(summary = "Delete a project with its documents and sync runs")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<RestResponse<Void>> delete(@PathParam("slug") String slug) {
        return service.delete(slug).map(ignored -> RestResponse.noContent());
    }

    static URI location(String slug) {
        return URI.create("/api/v1/projects/" + slug);
    }
}
