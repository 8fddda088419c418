package io.sdlclens.document;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/projects/{slug}/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentService service;

    public DocumentResource(DocumentService service) {
        this.service = service;
    }

    @GET
    public Uni<DocumentViews.Page> list(
            @PathParam("slug") String slug,
            @QueryParam("type") String type,
            @QueryParam("status") String status,
            @QueryParam("sort") String sort,
            @QueryParam("order") String order,
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        return Uni.createFrom()
                .item(() -> DocumentQuery.of(type, status, sort, order, page, perPage))
                .flatMap(query -> service.list(slug, query));
    }

    @GET
    @Path("/{type}/{docId}")
    public Uni<DocumentViews.Detail> get(
            @PathParam("slug") String slug, @PathParam("type") String type, @PathParam("docId") String docId) {
        return service.get(slug, type, docId);
    }

    @GET
    @Path("/{type}/{docId}/related")
    public Uni<DocumentViews.Relations> related(
            @PathParam("slug") String slug, @PathParam("type") String type, @PathParam("docId") String docId) {
        return service.related(slug, type, docId);
    }
}
