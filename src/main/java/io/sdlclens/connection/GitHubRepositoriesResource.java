package io.sdlclens.connection;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
 * Browsing GitHub while creating a github project. The class path is {@code /api/v1/projects}, like every
 * project-scoped resource (see {@code SyncResource}): the literal {@code github/repos} segments win over {@code
 * {slug}} templates, and a wrong method on these paths answers 405. A project slugged {@code github} keeps its own
 * routes, which have other second segments.
 */
@Path("/api/v1/projects")
@Tag(name = "Connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GitHubRepositoriesResource {

    private final ConnectionService service;

    public GitHubRepositoriesResource(ConnectionService service) {
        this.service = service;
    }

    @POST
    @Path("/github/repos")
    @Operation(summary = "Repositories a token (or a saved connection) can see, optionally filtered by search")
    @APIResponse(
            responseCode = "200",
            description = "The repositories",
            content = @Content(schema = @Schema(implementation = ConnectionViews.Repositories.class)))
    @APIResponse(responseCode = "400", ref = "OneCredential")
    @APIResponse(responseCode = "401", ref = "AuthFailed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GitHubError")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ConnectionViews.Repositories> repositories(ConnectionViews.Browse request) {
        return service.repositories(request);
    }

    @POST
    @Path("/github/repos/{owner}/{repo}/has-sdlc-studio")
    @Operation(summary = "Whether the repository has an sdlc-studio folder on the branch")
    @APIResponse(
            responseCode = "200",
            description = "The answer",
            content = @Content(schema = @Schema(implementation = ConnectionViews.FolderFound.class)))
    @APIResponse(responseCode = "400", ref = "OneCredential")
    @APIResponse(responseCode = "401", ref = "AuthFailed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "429", ref = "RateLimited")
    @APIResponse(responseCode = "502", ref = "GitHubError")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<ConnectionViews.FolderFound> hasSdlcStudio(
            @PathParam("owner") String owner, @PathParam("repo") String repo, ConnectionViews.FolderCheck request) {
        return service.hasSdlcStudio(owner, repo, request);
    }
}
