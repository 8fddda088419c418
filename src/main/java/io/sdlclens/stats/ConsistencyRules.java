package io.sdlclens.stats;

import static io.sdlclens.stats.DocTypes.describe;

import io.sdlclens.format.StatusVocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rules about documents that disagree with each other: STORY_NO_EPIC, PLAN_NO_STORY, TEST_SPEC_NO_STORY,
 * ORPHAN_REFERENCE, STATUS_MISMATCH, STALE_ARTEFACT_STATUS, UNTRIAGED_INBOX.
 */
final class ConsistencyRules {

    private static final String INBOX = "inbox";

    /** The status a triaged item of each inbox-capable type starts in. */
    private static final Map<String, String> TRIAGED_STATUS =
            Map.of(DocTypes.BUG, "Open", DocTypes.CR, "Proposed", DocTypes.RFC, "Draft");

    /** How many stories a STATUS_MISMATCH message names before summarising the rest. */
    private static final int NAMED_IN_MESSAGE = 3;

    private ConsistencyRules() {}

    static void check(ProjectIndex project, List<Finding> out) {
        storiesWithoutEpic(project, out);
        plansWithoutStory(project, out);
        testSpecsWithoutStory(project, out);
        orphanReferences(project, out);
        finishedEpicsWithOpenStories(project, out);
        openArtefactsOfFinishedStories(project, out);
        untriagedInbox(project, out);
    }

    private static void storiesWithoutEpic(ProjectIndex project, List<Finding> out) {
        for (HealthDocument story : project.ofType(DocTypes.STORY)) {
            if (!story.isArchive() && story.epic() == null) {
                out.add(HealthRule.STORY_NO_EPIC.finding(
                        describe(story) + " names no epic", "Set the story's Epic to the epic it belongs to", story));
            }
        }
    }

    private static void plansWithoutStory(ProjectIndex project, List<Finding> out) {
        for (HealthDocument plan : project.ofType(DocTypes.PLAN)) {
            if (plan.story() == null) {
                out.add(HealthRule.PLAN_NO_STORY.finding(
                        describe(plan) + " names no story", "Set the plan's Story to the story it implements", plan));
            }
        }
    }

    private static void testSpecsWithoutStory(ProjectIndex project, List<Finding> out) {
        for (HealthDocument spec : project.ofType(DocTypes.TEST_SPEC)) {
            if (spec.story() == null && !spec.isEpicLevelTestSpec()) {
                out.add(HealthRule.TEST_SPEC_NO_STORY.finding(
                        describe(spec) + " names no story or epic",
                        "Set the test spec's Story, or its Epic to make it an epic-level test spec",
                        spec));
            }
        }
    }

    /** One finding per dangling field: a document whose Epic and Story both dangle gets two. */
    private static void orphanReferences(ProjectIndex project, List<Finding> out) {
        for (HealthDocument document : project.documents()) {
            if (!document.isRecord()) {
                orphanReference(project, document, "Epic", document.epic(), out);
                orphanReference(project, document, "Story", document.story(), out);
            }
        }
    }

    private static void orphanReference(
            ProjectIndex project, HealthDocument document, String field, String reference, List<Finding> out) {
        if (reference != null && project.resolve(reference).isEmpty()) {
            out.add(HealthRule.ORPHAN_REFERENCE.finding(
                    describe(document) + " has " + field + " " + reference + ", which matches no document",
                    "Correct its " + field + ", or create the " + field.toLowerCase(Locale.ROOT) + " " + reference,
                    document));
        }
    }

    /** Archived stories are listed too: the table exempts none, and an archived open story is still open. */
    private static void finishedEpicsWithOpenStories(ProjectIndex project, List<Finding> out) {
        for (HealthDocument epic : project.ofType(DocTypes.EPIC)) {
            if (!epic.isTerminal()) {
                continue;
            }
            List<HealthDocument> open = project.storiesOf(epic).stream()
                    .filter(story -> !story.isTerminal())
                    .sorted(Comparator.comparing(HealthDocument::docId).thenComparing(ProjectIndex.CANONICAL_ORDER))
                    .toList();
            if (open.isEmpty()) {
                continue;
            }
            List<HealthDocument> affected = new ArrayList<>(open.size() + 1);
            affected.add(epic);
            affected.addAll(open);
            out.add(HealthRule.STATUS_MISMATCH.finding(
                    describe(epic) + " is " + epic.status() + " but " + open.size()
                            + (open.size() == 1 ? " of its stories is" : " of its stories are") + " not finished: "
                            + names(open),
                    "Finish, close or move the listed stories, or reopen the epic",
                    affected));
        }
    }

    private static String names(List<HealthDocument> documents) {
        String named = documents.stream()
                .limit(NAMED_IN_MESSAGE)
                .map(HealthDocument::docId)
                .collect(Collectors.joining(", "));
        int rest = documents.size() - NAMED_IN_MESSAGE;
        return rest > 0 ? named + " and " + rest + " more" : named;
    }

    /**
     * A document's Story may match several stories (a duplicated ref id); it is stale only when every story it
     * matches is finished, so an ambiguous reference never raises a false alarm.
     */
    private static void openArtefactsOfFinishedStories(ProjectIndex project, List<Finding> out) {
        for (HealthDocument document : project.documents()) {
            if (document.isOfType(DocTypes.STORY) || document.isRecord() || document.isTerminal()) {
                continue;
            }
            List<HealthDocument> stories = project.resolve(document.story()).stream()
                    .filter(target -> target.isOfType(DocTypes.STORY))
                    .toList();
            if (stories.isEmpty() || !stories.stream().allMatch(HealthDocument::isTerminal)) {
                continue;
            }
            List<HealthDocument> affected = new ArrayList<>(stories.size() + 1);
            affected.add(document);
            affected.addAll(stories);
            String state = document.status() == null ? " has no status" : " is " + document.status();
            String story = stories.size() == 1 ? stories.get(0).docId() : document.story();
            String storyState = stories.size() == 1
                    ? " but its story " + story + " is " + stories.get(0).status()
                    : " but every story matching " + story + " is finished";
            out.add(HealthRule.STALE_ARTEFACT_STATUS.finding(
                    describe(document) + state + storyState,
                    "Give " + document.docId() + " a finished status, or reopen story " + story + " if work remains",
                    affected));
        }
    }

    private static void untriagedInbox(ProjectIndex project, List<Finding> out) {
        for (String type : List.of(DocTypes.BUG, DocTypes.CR, DocTypes.RFC)) {
            for (HealthDocument item : project.ofType(type)) {
                if (INBOX.equals(StatusVocabulary.canonicalise(item.status(), type))) {
                    out.add(HealthRule.UNTRIAGED_INBOX.finding(
                            describe(item) + " is still in the inbox",
                            "Triage it: set its status to " + TRIAGED_STATUS.get(type) + ", or close it",
                            item));
                }
            }
        }
    }
}
