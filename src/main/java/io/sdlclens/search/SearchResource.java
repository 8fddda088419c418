package io.sdlclens.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sdlclens.document.DocumentGeneration;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/search")
@Tag(name = "Search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchRepository repository;
    private final SearchCache cache;
    private final DocumentGeneration generation;
    private final Timer latency;

    public SearchResource(
            SearchRepository repository, SearchCache cache, DocumentGeneration generation, MeterRegistry registry) {
        this.repository = repository;
        this.cache = cache;
        this.generation = generation;
        this.latency = Timer.builder("sdlc.lens.search.duration")
                .description("Time to answer a search, query and snippets included")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * One hit. {@code snippet} is plain text with the matches in {@code <mark>…</mark>} (the client escapes the rest);
     * {@code snippetHtml} is the same snippet as safe HTML.
     */
    public record Item(
            String docId,
            String type,
            String title,
            String projectSlug,
            String projectName,
            String status,

            @Schema(description = "Plain text, matches wrapped in <mark>…</mark>, no entity escaping")
            String snippet,

            @Schema(description = "The same snippet as safe HTML: text escaped, <mark> the only markup")
            String snippetHtml,

            double score) {}

    public record Results(List<Item> items, long total, String query, int page, int perPage) {}

    private Uni<SearchRepository.Result> search(SearchQuery query) {
        if (!cache.isEnabled()) {
            return repository.search(query);
        }
        return generation
                .current()
                .flatMap(current -> cache.lookup(new SearchCache.Key(query, current), () -> repository.search(query)));
    }

    private static Item item(SearchRepository.Hit hit) {
        Snippets.Snippet snippet = Snippets.of(hit.rawSnippet());
        return new Item(
                hit.docId(),
                hit.type(),
                hit.title(),
                hit.projectSlug(),
                hit.projectName(),
                hit.status(),
                snippet.text(),
                snippet.html(),
                hit.score());
    }

    @GET
    @Operation(summary = "Full-text search over all documents, best matches first")
    @APIResponse(
            responseCode = "200",
            description = "The hits, best first; each snippet as plain text with <mark> pairs and as safe HTML",
            content = @Content(schema = @Schema(implementation = Results.class)))
    @APIResponse(responseCode = "422", ref = "ValidationError")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<Results> search(
            @Parameter(description = "Web-style query: words, \"quoted phrase\", or, -exclude; 1 to 500 characters")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "Only this project's documents (slug)") @QueryParam("project") String project,
            @Parameter(description = "Only documents of this type") @QueryParam("type") String type,
            @Parameter(description = "Page number from 1 (default 1)") @QueryParam("page") String page,
            @Parameter(description = "Page size from 1 to 50 (default 20)") @QueryParam("per_page") String perPage) {
        return Uni.createFrom()
                .item(() -> SearchQuery.of(q, project, type, page, perPage))
                .flatMap(query -> search(query)
                        .map(result -> new Results(
                                result.hits().stream().map(SearchResource::item).toList(),
                                result.total(),
                                query.text(),
                                query.page(),
                                query.perPage())));
    }
}
