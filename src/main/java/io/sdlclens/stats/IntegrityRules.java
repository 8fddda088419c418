package io.sdlclens.stats;

import static io.sdlclens.stats.DocTypes.describe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Rules about the files themselves: DUPLICATE_DOC_ID, EMPTY_CONTENT, STALE_DOCUMENT. */
final class IntegrityRules {

    /** A body shorter than this, after trimming, is empty for all practical purposes. */
    static final int MIN_CONTENT_LENGTH = 50;

    /** A document whose file has not changed for longer than this is stale. */
    static final Duration STALE_AFTER = Duration.ofDays(30);

    private IntegrityRules() {}

    static void check(ProjectIndex project, Instant now, List<Finding> out) {
        duplicateDocIds(project, out);
        emptyContent(project, out);
        staleDocuments(project, now, out);
    }

    /**
     * The doc id alone decides, whatever the types: the table says "share a doc_id", and two documents
     * listed under one name confuse readers even when their URLs differ by type. Exact, case-sensitive match,
     * as doc ids keep their case.
     */
    private static void duplicateDocIds(ProjectIndex project, List<Finding> out) {
        Map<String, List<HealthDocument>> byDocId = new LinkedHashMap<>();
        project.documents()
                .forEach(d -> byDocId.computeIfAbsent(d.docId(), id -> new ArrayList<>())
                        .add(d));
        byDocId.forEach((docId, documents) -> {
            if (documents.size() > 1) {
                out.add(HealthRule.DUPLICATE_DOC_ID.finding(
                        documents.size() + " documents share the doc id " + docId,
                        "Rename all but one of them so each doc id is unique: "
                                + documents.stream()
                                        .map(HealthDocument::filePath)
                                        .collect(Collectors.joining(", ")),
                        documents));
            }
        });
    }

    private static void emptyContent(ProjectIndex project, List<Finding> out) {
        for (HealthDocument document : project.documents()) {
            int length = document.contentLength();
            if (length < MIN_CONTENT_LENGTH) {
                out.add(HealthRule.EMPTY_CONTENT.finding(
                        describe(document)
                                + (length == 0
                                        ? " has no content"
                                        : " has almost no content (" + length + " characters)"),
                        "Write its body, or delete the file if it is not needed",
                        document));
            }
        }
    }

    /**
     * Stale: a document still in play (not archived, not a record, and in a non-terminal status or none) whose
     * content last changed more than 30 days (of 24 hours) before {@code now}; exactly 30 days is not stale yet.
     * A finished document that nobody touches is simply done, so terminal ones are never stale: otherwise a
     * finished project would score 0.
     */
    private static void staleDocuments(ProjectIndex project, Instant now, List<Finding> out) {
        Instant cutoff = now.minus(STALE_AFTER);
        for (HealthDocument document : project.documents()) {
            if (document.isArchive() || document.isRecord() || document.isTerminal()) {
                continue;
            }
            if (document.contentChangedAt().isBefore(cutoff)) {
                long days = Duration.between(document.contentChangedAt(), now).toDays();
                out.add(HealthRule.STALE_DOCUMENT.finding(
                        describe(document) + " has not changed for " + days + " days",
                        "Review it: finish it (set a terminal status), update it if it is still current, or archive"
                                + " it",
                        document));
            }
        }
    }
}
