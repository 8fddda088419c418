package io.sdlclens.stats;

import java.util.List;

/**
 * The health-check rules of {@code SDLC-FORMAT.md}, each with the severity and category the table gives it.
 * The constant name is the API's {@code rule_id}.
 */
public enum HealthRule {
    MISSING_PRD(Severity.CRITICAL, Category.COMPLETENESS),
    MISSING_TRD(Severity.HIGH, Category.COMPLETENESS),
    MISSING_PLAN(Severity.MEDIUM, Category.COMPLETENESS),
    MISSING_TEST_SPEC(Severity.MEDIUM, Category.COMPLETENESS),
    EPIC_NO_STORIES(Severity.HIGH, Category.COMPLETENESS),
    STORY_NO_EPIC(Severity.HIGH, Category.CONSISTENCY),
    PLAN_NO_STORY(Severity.MEDIUM, Category.CONSISTENCY),
    TEST_SPEC_NO_STORY(Severity.MEDIUM, Category.CONSISTENCY),
    ORPHAN_REFERENCE(Severity.MEDIUM, Category.CONSISTENCY),
    STATUS_MISMATCH(Severity.LOW, Category.CONSISTENCY),
    STALE_ARTEFACT_STATUS(Severity.LOW, Category.CONSISTENCY),
    UNTRIAGED_INBOX(Severity.LOW, Category.CONSISTENCY),
    MISSING_STATUS(Severity.HIGH, Category.QUALITY),
    MISSING_OWNER(Severity.MEDIUM, Category.QUALITY),
    MISSING_PRIORITY(Severity.LOW, Category.QUALITY),
    MISSING_STORY_POINTS(Severity.LOW, Category.QUALITY),
    DUPLICATE_DOC_ID(Severity.CRITICAL, Category.INTEGRITY),
    EMPTY_CONTENT(Severity.HIGH, Category.INTEGRITY),
    STALE_DOCUMENT(Severity.LOW, Category.INTEGRITY);

    private final Severity severity;
    private final Category category;

    HealthRule(Severity severity, Category category) {
        this.severity = severity;
        this.category = category;
    }

    public Severity severity() {
        return severity;
    }

    public Category category() {
        return category;
    }

    /** A finding of this rule about {@code affected}, listed in the order given. */
    Finding finding(String message, String suggestedFix, List<HealthDocument> affected) {
        return new Finding(
                this, message, affected.stream().map(AffectedDocument::of).toList(), suggestedFix);
    }

    Finding finding(String message, String suggestedFix, HealthDocument affected) {
        return finding(message, suggestedFix, List.of(affected));
    }
}
