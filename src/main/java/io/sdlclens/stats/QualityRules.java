package io.sdlclens.stats;

import static io.sdlclens.stats.DocTypes.describe;

import java.util.List;
import java.util.Set;

/** Rules about missing metadata: MISSING_STATUS, MISSING_OWNER, MISSING_PRIORITY, MISSING_STORY_POINTS. */
final class QualityRules {

    /** Reference documents that have no lifecycle, so no status (record types are skipped as well). */
    private static final Set<String> STATUSLESS_TYPES = Set.of("prd", "trd", "tsd", "personas", "brand-guide");

    private QualityRules() {}

    static void check(ProjectIndex project, List<Finding> out) {
        missingStatus(project, out);
        missingOwner(project, out);
        missingStoryFields(project, out);
    }

    /** Archived documents are checked too: the table exempts only the listed types and the records. */
    private static void missingStatus(ProjectIndex project, List<Finding> out) {
        for (HealthDocument document : project.documents()) {
            if (document.status() == null && !document.isRecord() && !STATUSLESS_TYPES.contains(document.type())) {
                out.add(HealthRule.MISSING_STATUS.finding(
                        describe(document) + " has no status",
                        "Add a Status line to its front matter, such as > **Status:** Draft",
                        document));
            }
        }
    }

    private static void missingOwner(ProjectIndex project, List<Finding> out) {
        for (String type : List.of(DocTypes.EPIC, DocTypes.STORY)) {
            for (HealthDocument document : project.ofType(type)) {
                if (!document.isArchive() && !document.isUnderReviews() && document.owner() == null) {
                    out.add(HealthRule.MISSING_OWNER.finding(
                            describe(document) + " has no owner",
                            "Add an Owner line to its front matter, such as > **Owner:** Jane Doe",
                            document));
                }
            }
        }
    }

    /** Priority and story points matter only while a story can still be scheduled: open, not archived. */
    private static void missingStoryFields(ProjectIndex project, List<Finding> out) {
        for (HealthDocument story : project.ofType(DocTypes.STORY)) {
            if (story.isArchive() || story.isTerminal()) {
                continue;
            }
            if (story.priority() == null) {
                out.add(HealthRule.MISSING_PRIORITY.finding(
                        describe(story) + " has no priority",
                        "Add a Priority line to its front matter, such as > **Priority:** High",
                        story));
            }
            if (story.storyPoints() == null) {
                out.add(HealthRule.MISSING_STORY_POINTS.finding(
                        describe(story) + " has no story points",
                        "Estimate it and add a Story Points line, such as > **Story Points:** 3",
                        story));
            }
        }
    }
}
