package io.sdlclens.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The per-project health check of {@code SDLC-FORMAT.md}: a pure function from a project's documents to
 * findings, a summary and a score. No I/O, no clock: the caller passes {@code now}.
 *
 * <p>Shared vocabulary: <em>archive</em> is a doc id starting with {@code _}; <em>record</em> types (retro,
 * review, decision, persona, personas, pvd) are exempt from the status and orphan rules; <em>terminal</em> is
 * {@link io.sdlclens.format.StatusVocabulary#isTerminal}. A rule applies an exemption only where the table
 * states it.
 *
 * <p>Decisions where the table is silent:
 *
 * <ul>
 *   <li>One finding per rule instance: per document for document rules, per epic for STATUS_MISMATCH (the
 *       epic, then its open stories), per (document, field) for ORPHAN_REFERENCE, per shared doc id for
 *       DUPLICATE_DOC_ID, and none listed for the project-level MISSING_PRD / MISSING_TRD. The penalty therefore
 *       grows with the number of problems, not the number of rules broken.
 *   <li>A reference matches a document by ref id, and by alias only when no document has that ref id (see
 *       {@code ProjectIndex}). A match does not check the type: ORPHAN_REFERENCE asks whether the id matches
 *       any document at all.
 *   <li>"The project has documents" means at least one document of any kind, archived ones included.
 *   <li>Findings are ordered by severity (critical first), then rule id, then the first affected doc id, then
 *       message; documents are read in file-path order, so input order never changes the output.
 * </ul>
 *
 * Rule-specific decisions are documented on each rule family: {@code CompletenessRules}, {@code
 * ConsistencyRules}, {@code QualityRules}, {@code IntegrityRules}.
 */
public final class HealthCheckRules {

    static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparing(HealthCheckRules::firstDocId)
            .thenComparing(Finding::message)
            .thenComparing(Finding::suggestedFix);

    private HealthCheckRules() {}

    /** Evaluates every rule over one project's documents, as of {@code now}. */
    public static HealthReport evaluate(List<HealthDocument> documents, Instant now) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(now, "now");
        ProjectIndex project = new ProjectIndex(documents);
        List<Finding> findings = new ArrayList<>();
        CompletenessRules.check(project, findings);
        ConsistencyRules.check(project, findings);
        QualityRules.check(project, findings);
        IntegrityRules.check(project, now, findings);
        findings.sort(FINDING_ORDER);
        HealthSummary summary = HealthSummary.of(findings);
        return new HealthReport(now, documents.size(), findings, summary, summary.score());
    }

    private static String firstDocId(Finding finding) {
        return finding.affectedDocuments().isEmpty()
                ? ""
                : finding.affectedDocuments().get(0).docId();
    }
}
