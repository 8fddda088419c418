package io.sdlclens.stats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The health check of one project: everything the {@code health-check} endpoint returns except the project
 * slug.
 *
 * @param checkedAt the {@code now} the rules were evaluated at
 * @param findings ordered by severity (critical first), then rule id, then the first affected doc id
 * @param score {@link HealthSummary#score()} of {@code summary}
 */
public record HealthReport(
        Instant checkedAt, int totalDocuments, List<Finding> findings, HealthSummary summary, int score) {

    public HealthReport {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(summary, "summary");
        findings = List.copyOf(findings);
    }
}
