package io.sdlclens.stats;

import static io.sdlclens.stats.Docs.assertFinding;
import static io.sdlclens.stats.Docs.doc;
import static io.sdlclens.stats.Docs.evaluate;
import static io.sdlclens.stats.Docs.evaluateWith;
import static io.sdlclens.stats.Docs.findings;
import static io.sdlclens.stats.Docs.healthyProject;
import static io.sdlclens.stats.Docs.healthyProjectWithout;
import static io.sdlclens.stats.Docs.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompletenessRulesTest {

    @Test
    void healthyProjectHasNoFindings() {
        HealthReport report = evaluate(healthyProject());

        assertThat(report.findings()).isEmpty();
        assertThat(report.score()).isEqualTo(100);
    }

    @Nested
    class MissingPrd {

        @Test
        void firesWhenTheProjectHasDocumentsButNoPrd() {
            Finding finding = single(evaluate(healthyProjectWithout("prd")), "MISSING_PRD");

            assertFinding(finding, "MISSING_PRD", "critical", "completeness");
            assertThat(finding.message()).isEqualTo("The project has no PRD");
            assertThat(finding.suggestedFix()).isEqualTo("Create prd.md describing the product requirements");
        }

        @Test
        void doesNotFireWithAPrdWhateverItsStatus() {
            List<Docs.Doc> docs = healthyProjectWithout("prd");
            docs.add(doc("PRD.md").status("Done"));

            assertThat(findings(evaluate(docs), HealthRule.MISSING_PRD)).isEmpty();
        }

        @Test
        void doesNotFireForAnEmptyProject() {
            assertThat(evaluate(List.of()).findings()).isEmpty();
        }

        @Test
        void anArchivedDocumentAloneMakesAProjectWithDocuments() {
            HealthReport report = evaluate(doc("notes/_old-notes.md"));

            assertFinding(single(report, "MISSING_PRD"), "MISSING_PRD", "critical", "completeness");
            assertFinding(single(report, "MISSING_TRD"), "MISSING_TRD", "high", "completeness");
        }
    }

    @Nested
    class MissingTrd {

        @Test
        void firesWhenTheProjectHasDocumentsButNoTrd() {
            Finding finding = single(evaluate(healthyProjectWithout("trd")), "MISSING_TRD");

            assertFinding(finding, "MISSING_TRD", "high", "completeness");
            assertThat(finding.message()).isEqualTo("The project has no TRD");
            assertThat(finding.suggestedFix()).isEqualTo("Create trd.md describing the technical design");
        }

        @Test
        void doesNotFireWithATrd() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_TRD))
                    .isEmpty();
        }

        @Test
        void aTsdDoesNotStandInForATrd() {
            List<Docs.Doc> docs = healthyProjectWithout("trd");
            docs.add(doc("tsd.md"));

            assertFinding(single(evaluate(docs), "MISSING_TRD"), "MISSING_TRD", "high", "completeness");
        }
    }

    @Nested
    class MissingPlan {

        @Test
        void firesForAnOpenStoryWithoutPlan() {
            Finding finding =
                    single(evaluateWith(doc("stories/US0003-signup.md").epic("EP0001")), "MISSING_PLAN");

            assertFinding(finding, "MISSING_PLAN", "medium", "completeness", "US0003-signup");
            assertThat(finding.message()).isEqualTo("Story US0003-signup has no plan");
            assertThat(finding.suggestedFix()).isEqualTo("Create a plan whose Story is US0003");
        }

        @Test
        void doesNotFireWhenAPlanNamesTheStory() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_PLAN))
                    .isEmpty();
        }

        @Test
        void aFinishedOrSupersededPlanStillCounts() {
            List<Docs.Doc> docs = healthyProjectWithout("PL0001-login");
            docs.add(doc("plans/PL0001-login.md").story("US0001").status("Superseded"));

            assertThat(findings(evaluate(docs), HealthRule.MISSING_PLAN)).isEmpty();
        }

        @Test
        void aPlanForAnotherStoryDoesNotCount() {
            HealthReport report = evaluateWith(
                    doc("stories/US0003-signup.md").epic("EP0001"),
                    doc("test-specs/TS0003-signup.md").story("US0003"),
                    doc("plans/PL0004-other.md").story("US0001"));

            assertFinding(single(report, "MISSING_PLAN"), "MISSING_PLAN", "medium", "completeness", "US0003-signup");
        }

        @Test
        void archivedStoriesAreExempt() {
            HealthReport report = evaluateWith(doc("stories/_US0003-signup.md").epic("EP0001"));

            assertThat(findings(report, HealthRule.MISSING_PLAN)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Done", "Won't Implement", "Superseded", "**Done** — shipped"})
        void terminalStoriesAreExempt(String status) {
            HealthReport report =
                    evaluateWith(doc("stories/US0003-signup.md").epic("EP0001").status(status));

            assertThat(findings(report, HealthRule.MISSING_PLAN)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Deferred", "Blocked", "Draft"})
        void nonTerminalStoriesAreChecked(String status) {
            HealthReport report =
                    evaluateWith(doc("stories/US0003-signup.md").epic("EP0001").status(status));

            assertThat(Docs.affectedIds(single(report, "MISSING_PLAN"))).containsExactly("US0003-signup");
        }

        @Test
        void aStoryWithoutStatusIsOpen() {
            HealthReport report =
                    evaluateWith(doc("stories/US0003-signup.md").epic("EP0001").status(null));

            assertThat(Docs.affectedIds(single(report, "MISSING_PLAN"))).containsExactly("US0003-signup");
        }

        @Test
        void aPlanNamingAnAliasOfTheStoryCounts() {
            HealthReport report = evaluateWith(
                    doc("stories/US0042-renumbered.md").epic("EP0001").aliases("US0003"),
                    doc("plans/PL0042-renumbered.md").story("US0003"),
                    doc("test-specs/TS0042-renumbered.md").story("US0042"));

            assertThat(findings(report, HealthRule.MISSING_PLAN)).isEmpty();
        }

        @Test
        void anAliasDoesNotCaptureAnIdThatIsAnotherDocumentsOwn() {
            // US0042 once was US0001, but US0001 exists again: a plan for US0001 is that story's plan.
            HealthReport report = evaluateWith(
                    doc("stories/US0042-renumbered.md").epic("EP0001").aliases("US0001"),
                    doc("test-specs/TS0042-renumbered.md").story("US0042"));

            assertFinding(
                    single(report, "MISSING_PLAN"), "MISSING_PLAN", "medium", "completeness", "US0042-renumbered");
        }

        @Test
        void aStoryWithoutIdIsToldToGetOne() {
            Finding finding = single(evaluateWith(doc("stories/US001-short.md").epic("EP0001")), "MISSING_PLAN");

            assertFinding(finding, "MISSING_PLAN", "medium", "completeness", "US001-short");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Give the story an id in its file name (such as US0001-...) so a plan can name it");
        }

        @Test
        void storiesWithTheSameRefIdAreAllCoveredByOnePlan() {
            HealthReport report =
                    evaluateWith(doc("stories/US0001-login-copy.md").epic("EP0001"));

            assertThat(findings(report, HealthRule.MISSING_PLAN)).isEmpty();
        }
    }

    @Nested
    class MissingTestSpec {

        @Test
        void firesForAnOpenStoryWithoutTestSpec() {
            HealthReport report = evaluateWith(
                    doc("stories/US0003-signup.md").epic("EP0001"),
                    doc("plans/PL0003-signup.md").story("US0003"));
            Finding finding = single(report, "MISSING_TEST_SPEC");

            assertFinding(finding, "MISSING_TEST_SPEC", "medium", "completeness", "US0003-signup");
            assertThat(finding.message()).isEqualTo("Story US0003-signup has no test spec");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Create a test spec whose Story is US0003, or an epic-level one for EP0001");
        }

        @Test
        void doesNotFireWhenATestSpecNamesTheStory() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_TEST_SPEC))
                    .isEmpty();
        }

        @Test
        void anEpicLevelTestSpecCoversTheStoriesOfItsEpic() {
            List<Docs.Doc> docs = healthyProjectWithout("TS0001-login");
            docs.add(doc("test-specs/TS0009-accounts.md").epic("EP0001"));

            assertThat(findings(evaluate(docs), HealthRule.MISSING_TEST_SPEC)).isEmpty();
        }

        @Test
        void anEpicLevelTestSpecOfAnotherEpicDoesNotCover() {
            List<Docs.Doc> docs = healthyProjectWithout("TS0001-login");
            docs.add(doc("epics/EP0002-billing.md"));
            docs.add(doc("stories/US0002-invoice.md").epic("EP0002"));
            docs.add(doc("plans/PL0002-invoice.md").story("US0002"));
            docs.add(doc("test-specs/TS0009-billing.md").epic("EP0002"));

            assertFinding(
                    single(evaluate(docs), "MISSING_TEST_SPEC"),
                    "MISSING_TEST_SPEC",
                    "medium",
                    "completeness",
                    "US0001-login");
        }

        @Test
        void aStoryLevelTestSpecDoesNotCoverItsWholeEpic() {
            HealthReport report = evaluateWith(
                    doc("stories/US0003-signup.md").epic("EP0001"),
                    doc("plans/PL0003-signup.md").story("US0003"),
                    // Names the epic too, but is about US0001 only.
                    doc("test-specs/TS0005-login-more.md").epic("EP0001").story("US0001"));

            assertFinding(
                    single(report, "MISSING_TEST_SPEC"),
                    "MISSING_TEST_SPEC",
                    "medium",
                    "completeness",
                    "US0003-signup");
        }

        @Test
        void epicCoverageFollowsAliases() {
            // The story names the epic by its old id; the test spec by its current one.
            List<Docs.Doc> docs = healthyProjectWithout("TS0001-login", "EP0001-accounts", "US0001-login");
            docs.add(doc("epics/EP0007-accounts.md").aliases("EP0001"));
            docs.add(doc("stories/US0001-login.md").epic("EP0001"));
            docs.add(doc("test-specs/TS0009-accounts.md").epic("EP0007"));

            assertThat(findings(evaluate(docs), HealthRule.MISSING_TEST_SPEC)).isEmpty();
        }

        @Test
        void aStoryWithoutEpicIsNotCoveredByEpicLevelTestSpecs() {
            HealthReport report = evaluateWith(
                    doc("stories/US0003-signup.md"),
                    doc("plans/PL0003-signup.md").story("US0003"),
                    doc("test-specs/TS0009-accounts.md").epic("EP0001"));
            Finding finding = single(report, "MISSING_TEST_SPEC");

            assertFinding(finding, "MISSING_TEST_SPEC", "medium", "completeness", "US0003-signup");
            assertThat(finding.suggestedFix()).isEqualTo("Create a test spec whose Story is US0003");
        }

        @Test
        void archivedStoriesAreExempt() {
            HealthReport report = evaluateWith(
                    doc("stories/_US0003-signup.md").epic("EP0001"),
                    doc("plans/PL0003-signup.md").story("US0003"));

            assertThat(findings(report, HealthRule.MISSING_TEST_SPEC)).isEmpty();
        }

        @Test
        void terminalStoriesAreExempt() {
            HealthReport report =
                    evaluateWith(doc("stories/US0003-signup.md").epic("EP0001").status("Done"));

            assertThat(findings(report, HealthRule.MISSING_TEST_SPEC)).isEmpty();
        }
    }

    @Nested
    class EpicNoStories {

        @Test
        void firesForAnEpicNoStoryNames() {
            Finding finding = single(evaluateWith(doc("epics/EP0002-billing.md")), "EPIC_NO_STORIES");

            assertFinding(finding, "EPIC_NO_STORIES", "high", "completeness", "EP0002-billing");
            assertThat(finding.message()).isEqualTo("Epic EP0002-billing has no stories");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Create a story whose Epic is EP0002, or archive the epic if it is not needed");
        }

        @Test
        void doesNotFireWhenAStoryNamesTheEpic() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.EPIC_NO_STORIES))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"reviews/2026-11/EP0002-billing.md", "Reviews/EP0002-billing.md"})
        void epicsUnderReviewsAreSkipped(String path) {
            assertThat(findings(evaluateWith(doc(path)), HealthRule.EPIC_NO_STORIES))
                    .isEmpty();
        }

        @Test
        void onlyTheTopLevelReviewsFolderCounts() {
            HealthReport report = evaluateWith(doc("epics/reviews/EP0002-billing.md"));

            assertFinding(
                    single(report, "EPIC_NO_STORIES"), "EPIC_NO_STORIES", "high", "completeness", "EP0002-billing");
        }

        @Test
        void archivedAndFinishedEpicsAreStillChecked() {
            HealthReport report = evaluateWith(
                    doc("epics/_EP0002-billing.md"),
                    doc("epics/EP0003-search.md").status("Done"));

            assertThat(findings(report, HealthRule.EPIC_NO_STORIES))
                    .map(Docs::affectedIds)
                    .containsExactly(List.of("EP0003-search"), List.of("_EP0002-billing"));
        }

        @Test
        void anArchivedOrFinishedStoryStillNamesItsEpic() {
            HealthReport report = evaluateWith(
                    doc("epics/EP0002-billing.md"),
                    doc("stories/_US0002-invoice.md").epic("EP0002"),
                    doc("epics/EP0003-search.md"),
                    doc("stories/US0004-query.md").epic("EP0003").status("Done"));

            assertThat(findings(report, HealthRule.EPIC_NO_STORIES)).isEmpty();
        }

        @Test
        void aStoryNamingAnAliasOfTheEpicCounts() {
            HealthReport report = evaluateWith(
                    doc("epics/EP0012-billing.md").aliases("EP0002"),
                    doc("stories/US0002-invoice.md").epic("EP0002"),
                    doc("plans/PL0002-invoice.md").story("US0002"),
                    doc("test-specs/TS0002-invoice.md").story("US0002"));

            assertThat(report.findings()).isEmpty();
        }

        @Test
        void anEpicWithoutIdIsToldToGetOne() {
            Finding finding = single(evaluateWith(doc("epics/overview.md")), "EPIC_NO_STORIES");

            assertFinding(finding, "EPIC_NO_STORIES", "high", "completeness", "overview");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Give the epic an id in its file name (such as EP0001-...) so stories can name it");
        }
    }
}
