package io.sdlclens.stats;

import static io.sdlclens.stats.DocTypes.describe;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Rules about documents that should exist: MISSING_PRD, MISSING_TRD, MISSING_PLAN, MISSING_TEST_SPEC,
 * EPIC_NO_STORIES.
 */
final class CompletenessRules {

    private CompletenessRules() {}

    static void check(ProjectIndex project, List<Finding> out) {
        missingSingleton(project, HealthRule.MISSING_PRD, DocTypes.PRD, "PRD", "the product requirements", out);
        missingSingleton(project, HealthRule.MISSING_TRD, DocTypes.TRD, "TRD", "the technical design", out);
        missingPlans(project, out);
        missingTestSpecs(project, out);
        epicsWithoutStories(project, out);
    }

    /** Any document at all (archived and record documents included) makes a project that needs a PRD and TRD. */
    private static void missingSingleton(
            ProjectIndex project, HealthRule rule, String type, String label, String purpose, List<Finding> out) {
        if (!project.documents().isEmpty() && !project.hasType(type)) {
            out.add(rule.finding(
                    "The project has no " + label, "Create " + type + ".md describing " + purpose, List.of()));
        }
    }

    /** Stories still being worked on: not archived and not finished. */
    private static boolean isOpenStory(HealthDocument story) {
        return !story.isArchive() && !story.isTerminal();
    }

    /** Any plan counts, whatever its own status: a finished plan still documents how the story was planned. */
    private static void missingPlans(ProjectIndex project, List<Finding> out) {
        Set<HealthDocument> planned = project.storiesNamedBy(DocTypes.PLAN);
        for (HealthDocument story : project.ofType(DocTypes.STORY)) {
            if (isOpenStory(story) && !planned.contains(story)) {
                String id = story.referenceId();
                out.add(HealthRule.MISSING_PLAN.finding(
                        describe(story) + " has no plan",
                        id != null
                                ? "Create a plan whose Story is " + id
                                : "Give the story an id in its file name (such as US0001-...) so a plan can name it",
                        story));
            }
        }
    }

    /**
     * A story is covered by a test-spec whose Story matches it, or by an epic-level test-spec (Epic set, Story
     * empty) whose Epic is the story's Epic: the same id, or ids matching the same document.
     */
    private static void missingTestSpecs(ProjectIndex project, List<Finding> out) {
        Set<HealthDocument> specified = project.storiesNamedBy(DocTypes.TEST_SPEC);
        EpicCoverage epicCoverage = EpicCoverage.of(project);
        for (HealthDocument story : project.ofType(DocTypes.STORY)) {
            if (isOpenStory(story) && !specified.contains(story) && !epicCoverage.covers(story.epic())) {
                out.add(HealthRule.MISSING_TEST_SPEC.finding(
                        describe(story) + " has no test spec", testSpecFix(story), story));
            }
        }
    }

    private static String testSpecFix(HealthDocument story) {
        String id = story.referenceId();
        if (id == null) {
            return story.epic() != null
                    ? "Create an epic-level test spec for " + story.epic()
                            + ", or give the story an id in its file name so a test spec can name it"
                    : "Give the story an id in its file name (such as US0001-...) so a test spec can name it";
        }
        return story.epic() != null
                ? "Create a test spec whose Story is " + id + ", or an epic-level one for " + story.epic()
                : "Create a test spec whose Story is " + id;
    }

    /** Epics named by epic-level test-specs, both as written and as the documents those ids match. */
    private record EpicCoverage(ProjectIndex project, Set<String> ids, Set<HealthDocument> epics) {

        static EpicCoverage of(ProjectIndex project) {
            Set<String> ids = new HashSet<>();
            Set<HealthDocument> epics = Collections.newSetFromMap(new IdentityHashMap<>());
            for (HealthDocument spec : project.ofType(DocTypes.TEST_SPEC)) {
                if (spec.isEpicLevelTestSpec()) {
                    ids.add(ProjectIndex.key(spec.epic()));
                    epics.addAll(project.resolve(spec.epic()));
                }
            }
            return new EpicCoverage(project, ids, epics);
        }

        boolean covers(String epic) {
            return epic != null
                    && (ids.contains(ProjectIndex.key(epic))
                            || project.resolve(epic).stream().anyMatch(epics::contains));
        }
    }

    /**
     * Every story counts as naming its epic, archived or finished ones included. Archived and finished epics
     * are checked too: the table exempts only epics under {@code reviews/}.
     */
    private static void epicsWithoutStories(ProjectIndex project, List<Finding> out) {
        for (HealthDocument epic : project.ofType(DocTypes.EPIC)) {
            if (!epic.isUnderReviews() && project.storiesOf(epic).isEmpty()) {
                String id = epic.referenceId();
                out.add(HealthRule.EPIC_NO_STORIES.finding(
                        describe(epic) + " has no stories",
                        id != null
                                ? "Create a story whose Epic is " + id + ", or archive the epic if it is not needed"
                                : "Give the epic an id in its file name (such as EP0001-...) so stories can name it",
                        epic));
            }
        }
    }
}
