package io.sdlclens.stats;

import io.sdlclens.document.DocumentRepository;
import io.sdlclens.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One project's health check. Every project-scoped resource declares the class path {@code /api/v1/projects} and
 * puts {@code /{slug}/…} on its methods: the router answers 405 (not 404) for a known path with the wrong method
 * only among resources that share one class path.
 */
@Path("/api/v1/projects")
@Tag(name = "Statistics")
@Produces(MediaType.APPLICATION_JSON)
public class HealthCheckResource {

    private final DocumentRepository documents;
    private final HealthCheckRepository repository;

    public HealthCheckResource(DocumentRepository documents, HealthCheckRepository repository) {
        this.documents = documents;
        this.repository = repository;
    }

    public record Affected(String docId, String docType, String title) {}

    public record FindingView(
            String ruleId,
            String severity,
            String category,
            String message,
            List<Affected> affectedDocuments,
            String suggestedFix) {}

    public record Report(
            String projectSlug,
            Instant checkedAt,
            int totalDocuments,
            List<FindingView> findings,
            HealthSummary summary,
            int score) {}

    @GET
    @Path("/{slug}/health-check")
    @Operation(summary = "The project health check: rule findings and a score")
    @APIResponse(
            responseCode = "200",
            description = "The project health check: rule findings and a score",
            content = @Content(schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @APIResponse(responseCode = "500", ref = "Internal")
    public Uni<Report> check(@PathParam("slug") String slug) {
        return documents
                .projectId(slug)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Project not found"))
                .flatMap(repository::documents)
                // The rules walk every document of the project: keep that CPU work off the event loop. Only the
                // work hops to a worker, not the read's failure: a failure handed to a worker while the client
                // hangs up (a page left during a database outage) arrives after the cancel, and Mutiny logs it as
                // a dropped exception with its stack trace.
                .flatMap(list -> Uni.createFrom()
                        .item(() -> view(slug, HealthCheckRules.evaluate(list, Instant.now())))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private static Report view(String slug, HealthReport report) {
        return new Report(
                slug,
                report.checkedAt(),
                report.totalDocuments(),
                report.findings().stream()
                        .map(finding -> new FindingView(
                                finding.ruleId(),
                                finding.severity().label(),
                                finding.category().label(),
                                finding.message(),
                                finding.affectedDocuments().stream()
                                        .map(doc -> new Affected(doc.docId(), doc.docType(), doc.title()))
                                        .toList(),
                                finding.suggestedFix()))
                        .toList(),
                report.summary(),
                report.score());
    }
}
