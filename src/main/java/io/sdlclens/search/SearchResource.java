package io.sdlclens.search;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchRepository repository;

    public SearchResource(SearchRepository repository) {
        this.repository = repository;
    }

    public record Item(
            String docId,
            String type,
            String title,
            String projectSlug,
            String projectName,
            String status,
            String snippet,
            double score) {}

    public record Results(List<Item> items, long total, String query, int page, int perPage) {}

    @GET
    public Uni<Results> search(
            @QueryParam("q") String q,
            @QueryParam("project") String project,
            @QueryParam("type") String type,
            @QueryParam("page") String page,
            @QueryParam("per_page") String perPage) {
        return Uni.createFrom()
                .item(() -> SearchQuery.of(q, project, type, page, perPage))
                .flatMap(query -> repository
                        .search(query)
                        .map(result -> new Results(
                                result.hits().stream()
                                        .map(hit -> new Item(
                                                hit.docId(),
                                                hit.type(),
                                                hit.title(),
                                                hit.projectSlug(),
                                                hit.projectName(),
                                                hit.status(),
                                                Snippets.toSafeHtml(hit.rawSnippet()),
                                                hit.score()))
                                        .toList(),
                                result.total(),
                                query.text(),
                                query.page(),
                                query.perPage())));
    }
}
