package io.sdlclens.stats;

import java.util.List;
import java.util.Objects;

/**
 * One problem found by a health rule. Severity and category come from the rule, so a finding can never
 * disagree with the rule table.
 *
 * @param affectedDocuments the document the finding is about first, then any related documents; empty for
 *     project-level findings (MISSING_PRD, MISSING_TRD)
 */
public record Finding(HealthRule rule, String message, List<AffectedDocument> affectedDocuments, String suggestedFix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(suggestedFix, "suggestedFix");
        affectedDocuments = List.copyOf(affectedDocuments);
    }

    /** The API's {@code rule_id}, e.g. {@code MISSING_PLAN}. */
    public String ruleId() {
        return rule.name();
    }

    public Severity severity() {
        return rule.severity();
    }

    public Category category() {
        return rule.category();
    }
}
