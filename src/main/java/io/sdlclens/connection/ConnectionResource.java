package io.sdlclens.connection;

import io.sdlclens.error.ApiException;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Saved GitHub connections (the app's Settings page). Tokens go in, only masked tokens come out. */
@Path("/api/v1/connections")
@Tag(name = "Connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    private final ConnectionService service;

    public ConnectionResource(ConnectionService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List saved connections")
    @APIResponse(
            responseCode = "200",
            description = "The connections",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = ConnectionViews.Connection.class,
                                            type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<List<ConnectionViews.Connection>> list() {
        return service.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a connection; GitHub checks the token first (GET /user) and names its login")
    @APIResponse(
            responseCode = "201",
            description = "Saved",
            content = @Content(schema = @Schema(implementation = ConnectionViews.Connection.class)))
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "409", ref = "LabelExists")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GitHubError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<RestResponse<ConnectionViews.Connection>> create(ConnectionViews.Create request) {
        return service.create(request).map(connection -> RestResponse.status(RestResponse.Status.CREATED, connection));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a connection's token; a token GitHub refuses leaves the old one in place")
    @APIResponse(
            responseCode = "200",
            description = "The connection with its new token",
            content = @Content(schema = @Schema(implementation = ConnectionViews.Connection.class)))
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GitHubError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ConnectionViews.Connection> rotate(@PathParam("id") String id, ConnectionViews.Rotate request) {
        return service.rotate(id(id), request);
    }

    @POST
    @Path("/{id}/validate")
    @Operation(summary = "Check the stored token with GitHub again")
    @APIResponse(
            responseCode = "200",
            description = "The connection, last_validated_at updated",
            content = @Content(schema = @Schema(implementation = ConnectionViews.Connection.class)))
    @APIResponse(responseCode = "401", ref = "InvalidToken")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GitHubError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ConnectionViews.Connection> validate(@PathParam("id") String id) {
        return service.validate(id(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connection no project uses")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "ConnectionInUse")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return service.delete(id(id)).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/repos")
    @Operation(summary = "The repositories of every connection; a failing connection is listed in degraded")
    @APIResponse(
            responseCode = "200",
            description = "Repositories, de-duplicated, at most sdlc-lens.github.max-repos per connection",
            content = @Content(schema = @Schema(implementation = ConnectionViews.AllRepositories.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ConnectionViews.AllRepositories> repositories() {
        return service.allRepositories();
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Connection not found");
        }
    }
}
