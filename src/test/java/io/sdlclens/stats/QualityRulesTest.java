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

class QualityRulesTest {

    /** A healthy project whose story US0001 is replaced by {@code story}. */
    private static HealthReport withStory(Docs.Doc story) {
        List<Docs.Doc> docs = healthyProjectWithout("US0001-login");
        docs.add(story);
        return evaluate(docs);
    }

    @Nested
    class MissingStatus {

        @Test
        void firesForADocumentWithoutStatus() {
            List<Docs.Doc> docs = healthyProjectWithout("PL0001-login");
            docs.add(doc("plans/PL0001-login.md").story("US0001").status(null));
            Finding finding = single(evaluate(docs), "MISSING_STATUS");

            assertFinding(finding, "MISSING_STATUS", "high", "quality", "PL0001-login");
            assertThat(finding.message()).isEqualTo("Plan PL0001-login has no status");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Add a Status line to its front matter, such as > **Status:** Draft");
        }

        @Test
        void aBlankStatusIsNoStatus() {
            HealthReport report = evaluateWith(doc("notes/meeting.md").status("  "));

            assertFinding(single(report, "MISSING_STATUS"), "MISSING_STATUS", "high", "quality", "meeting");
        }

        @Test
        void doesNotFireWithAStatus() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_STATUS))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PRD.md", "trd.md", "tsd.md", "personas.md", "brand-guide.md"})
        void statuslessReferenceDocumentsAreSkipped(String path) {
            HealthReport report = evaluateWith(doc("archive/" + path).status(null));

            assertThat(findings(report, HealthRule.MISSING_STATUS)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "retros/RETRO0001-sprint.md",
                    "reviews/RV0001-audit.md",
                    "decisions/adr-1.md",
                    "personas/priya.md",
                    "pvd.md",
                    "product/vision.md"
                })
        void recordTypesAreSkipped(String path) {
            HealthReport report = evaluateWith(doc(path).status(null));

            assertThat(findings(report, HealthRule.MISSING_STATUS)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"decisions.md", "constitution.md", "notes/_old.md"})
        void typesTheTableDoesNotListAndArchivedDocumentsAreChecked(String path) {
            Docs.Doc document = doc(path).status(null);
            HealthReport report = evaluateWith(document);

            assertFinding(single(report, "MISSING_STATUS"), "MISSING_STATUS", "high", "quality", document.docId());
        }
    }

    @Nested
    class MissingOwner {

        @Test
        void firesForAStoryOrEpicWithoutOwner() {
            List<Docs.Doc> docs = healthyProjectWithout("EP0001-accounts", "US0001-login");
            docs.add(doc("epics/EP0001-accounts.md").owner(null));
            docs.add(doc("stories/US0001-login.md").epic("EP0001").owner(""));
            List<Finding> found = findings(evaluate(docs), HealthRule.MISSING_OWNER);

            assertThat(found).hasSize(2);
            assertFinding(found.get(0), "MISSING_OWNER", "medium", "quality", "EP0001-accounts");
            assertFinding(found.get(1), "MISSING_OWNER", "medium", "quality", "US0001-login");
            assertThat(found.get(1).message()).isEqualTo("Story US0001-login has no owner");
            assertThat(found.get(1).suggestedFix())
                    .isEqualTo("Add an Owner line to its front matter, such as > **Owner:** Jane Doe");
        }

        @Test
        void doesNotFireWithAnOwner() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_OWNER))
                    .isEmpty();
        }

        @Test
        void otherTypesNeedNoOwner() {
            List<Docs.Doc> docs = healthyProjectWithout("PL0001-login");
            docs.add(doc("plans/PL0001-login.md").story("US0001").owner(null));

            assertThat(findings(evaluate(docs), HealthRule.MISSING_OWNER)).isEmpty();
        }

        @Test
        void archivedDocumentsAreExempt() {
            HealthReport report = evaluateWith(
                    doc("epics/_EP0002-old.md").owner(null),
                    doc("stories/_US0002-old.md").owner(null));

            assertThat(findings(report, HealthRule.MISSING_OWNER)).isEmpty();
        }

        @Test
        void documentsUnderReviewsAreExempt() {
            HealthReport report = evaluateWith(
                    doc("reviews/2026-11/EP0001-accounts.md").owner(null),
                    doc("reviews/2026-11/US0001-login.md").epic("EP0001").owner(null));

            assertThat(findings(report, HealthRule.MISSING_OWNER)).isEmpty();
        }

        @Test
        void finishedStoriesAreStillChecked() {
            HealthReport report = evaluateWith(
                    doc("stories/US0002-old.md").epic("EP0001").status("Done").owner(null));

            assertFinding(single(report, "MISSING_OWNER"), "MISSING_OWNER", "medium", "quality", "US0002-old");
        }
    }

    @Nested
    class MissingPriority {

        @Test
        void firesForAnOpenStoryWithoutPriority() {
            Finding finding = single(
                    withStory(doc("stories/US0001-login.md").epic("EP0001").priority(null)), "MISSING_PRIORITY");

            assertFinding(finding, "MISSING_PRIORITY", "low", "quality", "US0001-login");
            assertThat(finding.message()).isEqualTo("Story US0001-login has no priority");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Add a Priority line to its front matter, such as > **Priority:** High");
        }

        @Test
        void doesNotFireWithAPriority() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.MISSING_PRIORITY))
                    .isEmpty();
        }

        @Test
        void archivedStoriesAreExempt() {
            HealthReport report =
                    evaluateWith(doc("stories/_US0002-old.md").epic("EP0001").priority(null));

            assertThat(findings(report, HealthRule.MISSING_PRIORITY)).isEmpty();
        }

        @Test
        void terminalStoriesAreExempt() {
            HealthReport report = withStory(
                    doc("stories/US0001-login.md").epic("EP0001").status("Done").priority(null));

            assertThat(findings(report, HealthRule.MISSING_PRIORITY)).isEmpty();
        }

        @Test
        void otherTypesNeedNoPriority() {
            HealthReport report = evaluateWith(doc("bugs/BG0001-crash.md").priority(null));

            assertThat(findings(report, HealthRule.MISSING_PRIORITY)).isEmpty();
        }
    }

    @Nested
    class MissingStoryPoints {

        @Test
        void firesForAnOpenStoryWithoutStoryPoints() {
            Finding finding = single(
                    withStory(doc("stories/US0001-login.md").epic("EP0001").storyPoints(null)), "MISSING_STORY_POINTS");

            assertFinding(finding, "MISSING_STORY_POINTS", "low", "quality", "US0001-login");
            assertThat(finding.message()).isEqualTo("Story US0001-login has no story points");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Estimate it and add a Story Points line, such as > **Story Points:** 3");
        }

        @Test
        void zeroIsAnEstimate() {
            HealthReport report =
                    withStory(doc("stories/US0001-login.md").epic("EP0001").storyPoints(0));

            assertThat(findings(report, HealthRule.MISSING_STORY_POINTS)).isEmpty();
        }

        @Test
        void archivedStoriesAreExempt() {
            HealthReport report =
                    evaluateWith(doc("stories/_US0002-old.md").epic("EP0001").storyPoints(null));

            assertThat(findings(report, HealthRule.MISSING_STORY_POINTS)).isEmpty();
        }

        @Test
        void terminalStoriesAreExempt() {
            HealthReport report = withStory(doc("stories/US0001-login.md")
                    .epic("EP0001")
                    .status("Won't Implement")
                    .storyPoints(null));

            assertThat(findings(report, HealthRule.MISSING_STORY_POINTS)).isEmpty();
        }
    }
}
