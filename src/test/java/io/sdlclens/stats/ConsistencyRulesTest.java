package io.sdlclens.stats;

import static io.sdlclens.stats.Docs.affectedIds;
import static io.sdlclens.stats.Docs.assertFinding;
import static io.sdlclens.stats.Docs.doc;
import static io.sdlclens.stats.Docs.evaluate;
import static io.sdlclens.stats.Docs.evaluateWith;
import static io.sdlclens.stats.Docs.findings;
import static io.sdlclens.stats.Docs.healthyProject;
import static io.sdlclens.stats.Docs.healthyProjectWithout;
import static io.sdlclens.stats.Docs.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyRulesTest {

    @Nested
    class StoryNoEpic {

        @Test
        void firesForAStoryNamingNoEpic() {
            List<Docs.Doc> docs = healthyProjectWithout("US0001-login");
            docs.add(doc("stories/US0001-login.md"));
            docs.add(doc("stories/US0002-logout.md").epic("EP0001"));
            docs.add(doc("plans/PL0002-logout.md").story("US0002"));
            docs.add(doc("test-specs/TS0002-logout.md").story("US0002"));
            Finding finding = single(evaluate(docs), "STORY_NO_EPIC");

            assertFinding(finding, "STORY_NO_EPIC", "high", "consistency", "US0001-login");
            assertThat(finding.message()).isEqualTo("Story US0001-login names no epic");
            assertThat(finding.suggestedFix()).isEqualTo("Set the story's Epic to the epic it belongs to");
        }

        @Test
        void doesNotFireWhenTheStoryNamesAnEpic() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.STORY_NO_EPIC))
                    .isEmpty();
        }

        @Test
        void archivedStoriesAreExempt() {
            assertThat(findings(evaluateWith(doc("stories/_US0003-old.md").status("Done")), HealthRule.STORY_NO_EPIC))
                    .isEmpty();
        }

        @Test
        void finishedStoriesAreStillChecked() {
            HealthReport report = evaluateWith(doc("stories/US0003-old.md").status("Done"));

            assertFinding(single(report, "STORY_NO_EPIC"), "STORY_NO_EPIC", "high", "consistency", "US0003-old");
        }
    }

    @Nested
    class PlanNoStory {

        @Test
        void firesForAPlanNamingNoStory() {
            Finding finding = single(evaluateWith(doc("plans/PL0002-spike.md")), "PLAN_NO_STORY");

            assertFinding(finding, "PLAN_NO_STORY", "medium", "consistency", "PL0002-spike");
            assertThat(finding.message()).isEqualTo("Plan PL0002-spike names no story");
            assertThat(finding.suggestedFix()).isEqualTo("Set the plan's Story to the story it implements");
        }

        @Test
        void doesNotFireWhenThePlanNamesAStory() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.PLAN_NO_STORY))
                    .isEmpty();
        }

        @Test
        void anEpicDoesNotStandInForAStory() {
            HealthReport report = evaluateWith(doc("plans/PL0002-spike.md").epic("EP0001"));

            assertFinding(single(report, "PLAN_NO_STORY"), "PLAN_NO_STORY", "medium", "consistency", "PL0002-spike");
        }
    }

    @Nested
    class TestSpecNoStory {

        @Test
        void firesForATestSpecNamingNeitherStoryNorEpic() {
            Finding finding = single(evaluateWith(doc("test-specs/TS0002-smoke.md")), "TEST_SPEC_NO_STORY");

            assertFinding(finding, "TEST_SPEC_NO_STORY", "medium", "consistency", "TS0002-smoke");
            assertThat(finding.message()).isEqualTo("Test spec TS0002-smoke names no story or epic");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Set the test spec's Story, or its Epic to make it an epic-level test spec");
        }

        @Test
        void doesNotFireWhenTheTestSpecNamesAStory() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.TEST_SPEC_NO_STORY))
                    .isEmpty();
        }

        @Test
        void epicLevelTestSpecsAreExempt() {
            HealthReport report =
                    evaluateWith(doc("test-specs/TS0002-accounts.md").epic("EP0001"));

            assertThat(findings(report, HealthRule.TEST_SPEC_NO_STORY)).isEmpty();
        }
    }

    @Nested
    class OrphanReference {

        @Test
        void firesForAnEpicMatchingNoDocument() {
            List<Docs.Doc> docs = healthyProjectWithout("US0001-login");
            docs.add(doc("stories/US0001-login.md").epic("EP0099"));
            HealthReport report = evaluate(docs);
            Finding finding = single(report, "ORPHAN_REFERENCE");

            assertFinding(finding, "ORPHAN_REFERENCE", "medium", "consistency", "US0001-login");
            assertThat(finding.message()).isEqualTo("Story US0001-login has Epic EP0099, which matches no document");
            assertThat(finding.suggestedFix()).isEqualTo("Correct its Epic, or create the epic EP0099");
        }

        @Test
        void firesForAStoryMatchingNoDocument() {
            Finding finding = single(evaluateWith(doc("plans/PL0002-ghost.md").story("US0099")), "ORPHAN_REFERENCE");

            assertFinding(finding, "ORPHAN_REFERENCE", "medium", "consistency", "PL0002-ghost");
            assertThat(finding.message()).isEqualTo("Plan PL0002-ghost has Story US0099, which matches no document");
            assertThat(finding.suggestedFix()).isEqualTo("Correct its Story, or create the story US0099");
        }

        @Test
        void oneFindingPerDanglingField() {
            HealthReport report = evaluateWith(
                    doc("test-specs/TS0002-ghost.md").epic("EP0099").story("US0099"));

            assertThat(findings(report, HealthRule.ORPHAN_REFERENCE))
                    .extracting(Finding::message)
                    .containsExactly(
                            "Test spec TS0002-ghost has Epic EP0099, which matches no document",
                            "Test spec TS0002-ghost has Story US0099, which matches no document");
            assertThat(findings(report, HealthRule.ORPHAN_REFERENCE))
                    .allSatisfy(f -> assertFinding(f, "ORPHAN_REFERENCE", "medium", "consistency", "TS0002-ghost"));
        }

        @Test
        void doesNotFireWhenReferencesMatch() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.ORPHAN_REFERENCE))
                    .isEmpty();
        }

        @Test
        void aReferenceMatchingAnAliasIsNotAnOrphan() {
            HealthReport report = evaluateWith(
                    doc("stories/US0042-renumbered.md").epic("EP0001").aliases("US0003"),
                    doc("bugs/BG0001-crash.md").story("US0003"));

            assertThat(findings(report, HealthRule.ORPHAN_REFERENCE)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "retros/RETRO0001-sprint.md",
                    "reviews/RV0001-audit.md",
                    "decisions/adr-1.md",
                    "personas/priya.md",
                    "personas.md",
                    "product/vision.md"
                })
        void recordTypesAreExempt(String path) {
            HealthReport report = evaluateWith(doc(path).epic("EP0099").story("US0099"));

            assertThat(findings(report, HealthRule.ORPHAN_REFERENCE)).isEmpty();
        }

        @Test
        void archivedDocumentsAreStillChecked() {
            HealthReport report = evaluateWith(doc("plans/_PL0002-old.md").story("US0099"));

            assertFinding(
                    single(report, "ORPHAN_REFERENCE"), "ORPHAN_REFERENCE", "medium", "consistency", "_PL0002-old");
        }
    }

    @Nested
    class StatusMismatch {

        @Test
        void listsEveryOpenStoryOfAFinishedEpic() {
            List<Docs.Doc> docs = healthyProjectWithout("EP0001-accounts");
            docs.add(doc("epics/EP0001-accounts.md").status("Done"));
            docs.add(doc("stories/US0003-signup.md").epic("EP0001").status("Blocked"));
            docs.add(doc("stories/US0002-logout.md").epic("EP0001").status(null));
            docs.add(doc("stories/US0004-reset.md").epic("EP0001").status("Won't Implement"));
            docs.add(doc("stories/US0005-audit.md").epic("EP0001").status("Done"));
            Finding finding = single(evaluate(docs), "STATUS_MISMATCH");

            assertFinding(
                    finding,
                    "STATUS_MISMATCH",
                    "low",
                    "consistency",
                    "EP0001-accounts",
                    "US0001-login",
                    "US0002-logout",
                    "US0003-signup");
            assertThat(finding.message())
                    .isEqualTo("Epic EP0001-accounts is Done but 3 of its stories are not finished:"
                            + " US0001-login, US0002-logout, US0003-signup");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Finish, close or move the listed stories, or reopen the epic");
        }

        @Test
        void theMessageNamesThreeStoriesAndCountsTheRest() {
            List<Docs.Doc> docs = healthyProjectWithout("EP0001-accounts");
            docs.add(doc("epics/EP0001-accounts.md").status("Done"));
            for (int i = 2; i <= 6; i++) {
                docs.add(doc("stories/US000" + i + "-s.md").epic("EP0001"));
            }
            Finding finding = single(evaluate(docs), "STATUS_MISMATCH");

            assertThat(affectedIds(finding)).hasSize(7).startsWith("EP0001-accounts");
            assertThat(finding.message())
                    .isEqualTo("Epic EP0001-accounts is Done but 6 of its stories are not finished:"
                            + " US0001-login, US0002-s, US0003-s and 3 more");
        }

        @Test
        void doesNotFireWhenEveryStoryIsFinished() {
            List<Docs.Doc> docs = healthyProjectWithout("EP0001-accounts", "US0001-login");
            docs.add(doc("epics/EP0001-accounts.md").status("Done"));
            docs.add(doc("stories/US0001-login.md").epic("EP0001").status("Superseded"));

            assertThat(findings(evaluate(docs), HealthRule.STATUS_MISMATCH)).isEmpty();
        }

        @Test
        void doesNotFireForAnOpenEpic() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.STATUS_MISMATCH))
                    .isEmpty();
        }
    }

    @Nested
    class StaleArtefactStatus {

        private List<Docs.Doc> withFinishedStory() {
            List<Docs.Doc> docs = healthyProjectWithout("US0001-login", "PL0001-login", "TS0001-login");
            docs.add(doc("stories/US0001-login.md").epic("EP0001").status("Done"));
            return docs;
        }

        @Test
        void firesForAnOpenPlanOfAFinishedStory() {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc("plans/PL0001-login.md").story("US0001").status("In Progress"));
            Finding finding = single(evaluate(docs), "STALE_ARTEFACT_STATUS");

            assertFinding(finding, "STALE_ARTEFACT_STATUS", "low", "consistency", "PL0001-login", "US0001-login");
            assertThat(finding.message())
                    .isEqualTo("Plan PL0001-login is In Progress but its story US0001-login is Done");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Give PL0001-login a finished status, or reopen story US0001-login if work remains");
        }

        @Test
        void aDocumentWithoutStatusIsOpen() {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc("bugs/BG0001-crash.md").story("US0001").status(null));
            Finding finding = single(evaluate(docs), "STALE_ARTEFACT_STATUS");

            assertFinding(finding, "STALE_ARTEFACT_STATUS", "low", "consistency", "BG0001-crash", "US0001-login");
            assertThat(finding.message())
                    .isEqualTo("Bug BG0001-crash has no status but its story US0001-login is Done");
        }

        @Test
        void doesNotFireForAFinishedDocument() {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc("plans/PL0001-login.md").story("US0001").status("Complete"));
            docs.add(doc("test-specs/TS0001-login.md").story("US0001").status("Superseded"));

            assertThat(findings(evaluate(docs), HealthRule.STALE_ARTEFACT_STATUS))
                    .isEmpty();
        }

        @Test
        void doesNotFireWhenTheStoryIsOpen() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.STALE_ARTEFACT_STATUS))
                    .isEmpty();
        }

        @Test
        void storiesAreExempt() {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc("stories/US0002-follow-up.md").epic("EP0001").story("US0001"));

            assertThat(findings(evaluate(docs), HealthRule.STALE_ARTEFACT_STATUS))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"retros/RETRO0001-sprint.md", "reviews/login-review.md", "decisions/adr-1.md"})
        void recordTypesAreExempt(String path) {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc(path).story("US0001"));

            assertThat(findings(evaluate(docs), HealthRule.STALE_ARTEFACT_STATUS))
                    .isEmpty();
        }

        @Test
        void aReferenceToANonStoryDoesNotCount() {
            HealthReport report = evaluateWith(
                    doc("epics/EP0002-done.md").status("Done"),
                    doc("bugs/BG0001-crash.md").story("EP0002"));

            assertThat(findings(report, HealthRule.STALE_ARTEFACT_STATUS)).isEmpty();
        }

        @Test
        void anAmbiguousReferenceFiresOnlyWhenEveryMatchIsFinished() {
            List<Docs.Doc> docs = withFinishedStory();
            docs.add(doc("stories/US0001-login-v2.md").epic("EP0001").status("In Progress"));
            docs.add(doc("plans/PL0001-login.md").story("US0001"));

            assertThat(findings(evaluate(docs), HealthRule.STALE_ARTEFACT_STATUS))
                    .isEmpty();
        }
    }

    @Nested
    class UntriagedInbox {

        @ParameterizedTest
        @ValueSource(strings = {"bugs/BG0001-crash.md", "change-requests/CR0001-theme.md", "rfcs/RFC0001-api.md"})
        void firesForAnInboxItem(String path) {
            Docs.Doc item = doc(path).status("inbox");
            Finding finding = single(evaluateWith(item), "UNTRIAGED_INBOX");

            assertFinding(finding, "UNTRIAGED_INBOX", "low", "consistency", item.docId());
            assertThat(finding.message()).endsWith(item.docId() + " is still in the inbox");
        }

        @Test
        void theFixNamesTheFirstTriagedStatusOfTheType() {
            HealthReport report = evaluateWith(
                    doc("bugs/BG0001-crash.md").status("inbox"),
                    doc("change-requests/CR0001-theme.md").status("Inbox"),
                    doc("rfcs/RFC0001-api.md").status("inbox"));

            assertThat(findings(report, HealthRule.UNTRIAGED_INBOX))
                    .extracting(Finding::message, Finding::suggestedFix)
                    .containsExactly(
                            tuple(
                                    "Bug BG0001-crash is still in the inbox",
                                    "Triage it: set its status to Open, or close it"),
                            tuple(
                                    "Change request CR0001-theme is still in the inbox",
                                    "Triage it: set its status to Proposed, or close it"),
                            tuple(
                                    "RFC RFC0001-api is still in the inbox",
                                    "Triage it: set its status to Draft, or close it"));
        }

        @Test
        void doesNotFireForATriagedItem() {
            HealthReport report = evaluateWith(doc("bugs/BG0001-crash.md").status("Open"));

            assertThat(findings(report, HealthRule.UNTRIAGED_INBOX)).isEmpty();
        }

        @Test
        void otherTypesAreNotInboxes() {
            HealthReport report =
                    evaluateWith(doc("plans/PL0002-x.md").story("US0001").status("inbox"));

            assertThat(findings(report, HealthRule.UNTRIAGED_INBOX)).isEmpty();
        }
    }
}
