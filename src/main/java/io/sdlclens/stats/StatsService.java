package io.sdlclens.stats;

import io.sdlclens.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class StatsService {

    private final StatsRepository repository;

    public StatsService(StatsRepository repository) {
        this.repository = repository;
    }

    public record ProjectStats(
            String slug,
            String name,
            long totalDocuments,
            Map<String, Long> byType,
            Map<String, Long> byStatus,
            double completionPercentage,
            Instant lastSyncedAt) {}

    public record ProjectSummary(
            String slug, String name, long totalDocuments, double completionPercentage, Instant lastSyncedAt) {}

    public record AllStats(
            long totalProjects,
            long totalDocuments,
            Map<String, Long> byType,
            Map<String, Long> byStatus,
            double completionPercentage,
            List<ProjectSummary> projects) {}

    public Uni<ProjectStats> project(String slug) {
        return repository.projects(slug).flatMap(projects -> {
            if (projects.isEmpty()) {
                throw ApiException.notFound("Project not found");
            }
            StatsRepository.ProjectRow project = projects.get(0);
            return repository.counts(slug).map(counts -> {
                DocumentTally tally = tallies(counts).getOrDefault(project.id(), new DocumentTally());
                return new ProjectStats(
                        project.slug(),
                        project.name(),
                        tally.total(),
                        tally.byType(),
                        tally.byStatus(),
                        tally.completionPercentage(),
                        project.lastSyncedAt());
            });
        });
    }

    /** Totals over all projects; completion comes from summed story counts, not averaged percentages. */
    public Uni<AllStats> all() {
        return Uni.combine()
                .all()
                .unis(repository.projects(null), repository.counts(null))
                .asTuple()
                .map(result -> {
                    Map<Long, DocumentTally> tallies = tallies(result.getItem2());
                    DocumentTally overall = new DocumentTally();
                    List<ProjectSummary> projects = result.getItem1().stream()
                            .map(project -> {
                                DocumentTally tally = tallies.getOrDefault(project.id(), new DocumentTally());
                                overall.addAll(tally);
                                return new ProjectSummary(
                                        project.slug(),
                                        project.name(),
                                        tally.total(),
                                        tally.completionPercentage(),
                                        project.lastSyncedAt());
                            })
                            .toList();
                    return new AllStats(
                            projects.size(),
                            overall.total(),
                            overall.byType(),
                            overall.byStatus(),
                            overall.completionPercentage(),
                            projects);
                });
    }

    private static Map<Long, DocumentTally> tallies(List<StatsRepository.CountRow> counts) {
        Map<Long, DocumentTally> tallies = new HashMap<>();
        for (StatsRepository.CountRow count : counts) {
            tallies.computeIfAbsent(count.projectId(), id -> new DocumentTally())
                    .add(count.type(), count.status(), count.documents());
        }
        return tallies;
    }
}
