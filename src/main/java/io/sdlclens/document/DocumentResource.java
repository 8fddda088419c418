package io.sdlclens.document;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A project's documents: list, detail and relationships. Every project-scoped resource declares the class path
 * {@code /api/v1/projects} and puts {@code /{slug}/…} on its methods: the router answers 405 (not 404) for a known
 * path with the wrong method only among resources that share one class path.
 */
@Path("/api/v1/projects")
@Tag(name = "Documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentService service;

    public DocumentResource(DocumentService service) {
        this.service = service;
    }

    @GET
    @Path("/{slug}/documents")
    @Operation(summary = "A page of the project's documents, filtered and sorted")
    @APIResponse(
            responseCode = "200",
            description = "The page",
            content = @Content(schema = @Schema(implementation = DocumentViews.Page.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<DocumentViews.Page> list(
            @PathParam("slug") String slug,
            @Parameter(description = "Only documents of this type") @QueryParam("type") String type,
            @Parameter(description = "Only documents with this canonical status; \"none\" for documents without one")
                    @QueryParam("status")
                    String status,
            @Parameter(description = "title, type, status or updated_at (default)") @QueryParam("sort") String sort,
            @Parameter(description = "asc or desc (default)") @QueryParam("order") String order,
            @Parameter(description = "Page number from 1 (default 1)") @QueryParam("page") String page,
            @Parameter(description = "Page size from 1; default 50, values over 100 are capped") @QueryParam("per_page")
                    String perPage) {
        return Uni.createFrom()
                .item(() -> DocumentQuery.of(type, status, sort, order, page, perPage))
                .flatMap(query -> service.list(slug, query));
    }

    @GET
    @Path("/{slug}/documents/{type}/{docId}")
    @Operation(summary = "One document with its body and metadata")
    @APIResponse(
            responseCode = "200",
            description = "The document",
            content = @Content(schema = @Schema(implementation = DocumentViews.Detail.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<DocumentViews.Detail> get(
            @PathParam("slug") String slug, @PathParam("type") String type, @PathParam("docId") String docId) {
        return service.get(slug, type, docId);
    }

    @GET
    @Path("/{slug}/documents/{type}/{docId}/related")
    @Operation(summary = "A document's parents, children, dependencies and dependents")
    @APIResponse(
            responseCode = "200",
            description = "The relations",
            content = @Content(schema = @Schema(implementation = DocumentViews.Relations.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<DocumentViews.Relations> related(
            @PathParam("slug") String slug, @PathParam("type") String type, @PathParam("docId") String docId) {
        return service.related(slug, type, docId);
    }
}
