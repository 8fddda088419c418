package io.sdlclens.stats;

import static io.sdlclens.stats.Docs.NOW;
import static io.sdlclens.stats.Docs.assertFinding;
import static io.sdlclens.stats.Docs.doc;
import static io.sdlclens.stats.Docs.evaluate;
import static io.sdlclens.stats.Docs.evaluateWith;
import static io.sdlclens.stats.Docs.findings;
import static io.sdlclens.stats.Docs.healthyProject;
import static io.sdlclens.stats.Docs.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntegrityRulesTest {

    @Nested
    class DuplicateDocId {

        @Test
        void firesOncePerSharedDocIdListingThePaths() {
            HealthReport report = evaluateWith(
                    doc("test-specs/US0001-login.md").story("US0001"),
                    doc("archive/stories/US0001-login.md").epic("EP0001"));
            Finding finding = single(report, "DUPLICATE_DOC_ID");

            assertFinding(
                    finding,
                    "DUPLICATE_DOC_ID",
                    "critical",
                    "integrity",
                    "US0001-login",
                    "US0001-login",
                    "US0001-login");
            assertThat(finding.message()).isEqualTo("3 documents share the doc id US0001-login");
            assertThat(finding.suggestedFix())
                    .isEqualTo("Rename all but one of them so each doc id is unique: archive/stories/US0001-login.md,"
                            + " stories/US0001-login.md, test-specs/US0001-login.md");
        }

        @Test
        void documentsOfDifferentTypesSharingADocIdAlsoCount() {
            HealthReport report = evaluateWith(doc("epics/README.md"), doc("stories/README.md"));
            Finding finding = single(report, "DUPLICATE_DOC_ID");

            assertFinding(finding, "DUPLICATE_DOC_ID", "critical", "integrity", "README", "README");
            assertThat(finding.affectedDocuments())
                    .extracting(AffectedDocument::docType)
                    .containsExactly("epic", "story");
        }

        @Test
        void docIdsAreCaseSensitive() {
            HealthReport report = evaluateWith(doc("notes/readme.md"), doc("notes/sub/README.md"));

            assertThat(findings(report, HealthRule.DUPLICATE_DOC_ID)).isEmpty();
        }

        @Test
        void doesNotFireForUniqueDocIds() {
            assertThat(findings(evaluate(healthyProject()), HealthRule.DUPLICATE_DOC_ID))
                    .isEmpty();
        }
    }

    @Nested
    class EmptyContent {

        @Test
        void firesForABodyShorterThanFiftyCharacters() {
            Finding finding = single(evaluateWith(doc("notes/stub.md").contentLength(49)), "EMPTY_CONTENT");

            assertFinding(finding, "EMPTY_CONTENT", "high", "integrity", "stub");
            assertThat(finding.message()).isEqualTo("Document stub has almost no content (49 characters)");
            assertThat(finding.suggestedFix()).isEqualTo("Write its body, or delete the file if it is not needed");
        }

        @Test
        void anEmptyBodySaysSo() {
            Finding finding = single(evaluateWith(doc("notes/stub.md").contentLength(0)), "EMPTY_CONTENT");

            assertFinding(finding, "EMPTY_CONTENT", "high", "integrity", "stub");
            assertThat(finding.message()).isEqualTo("Document stub has no content");
        }

        @Test
        void fiftyCharactersAreEnough() {
            HealthReport report = evaluateWith(doc("notes/stub.md").contentLength(50));

            assertThat(findings(report, HealthRule.EMPTY_CONTENT)).isEmpty();
        }

        @Test
        void archivedAndRecordDocumentsAreStillChecked() {
            HealthReport report = evaluateWith(
                    doc("notes/_stub.md").contentLength(3),
                    doc("retros/sprint-1.md").contentLength(3));

            assertThat(findings(report, HealthRule.EMPTY_CONTENT))
                    .map(Docs::affectedIds)
                    .containsExactly(List.of("_stub"), List.of("sprint-1"));
        }
    }

    @Nested
    class StaleDocument {

        @Test
        void firesForAFileUnchangedForMoreThanThirtyDays() {
            HealthReport report = evaluateWith(doc("notes/old.md")
                    .modifiedAt(NOW.minus(Duration.ofDays(45)).minusSeconds(60)));
            Finding finding = single(report, "STALE_DOCUMENT");

            assertFinding(finding, "STALE_DOCUMENT", "low", "integrity", "old");
            assertThat(finding.message()).isEqualTo("Document old has not changed for 45 days");
            assertThat(finding.suggestedFix())
                    .isEqualTo(
                            "Review it: finish it (set a terminal status), update it if it is still current, or archive it");
        }

        @Test
        void oneSecondPastThirtyDaysIsStale() {
            HealthReport report = evaluateWith(doc("notes/old.md")
                    .modifiedAt(NOW.minus(Duration.ofDays(30)).minusSeconds(1)));

            assertFinding(single(report, "STALE_DOCUMENT"), "STALE_DOCUMENT", "low", "integrity", "old");
        }

        @Test
        void exactlyThirtyDaysIsNotStaleYet() {
            HealthReport report = evaluateWith(doc("notes/old.md").modifiedAt(NOW.minus(Duration.ofDays(30))));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT)).isEmpty();
        }

        @Test
        void aFileFromTheFutureIsNotStale() {
            HealthReport report = evaluateWith(doc("notes/new.md").modifiedAt(NOW.plusSeconds(3600)));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT)).isEmpty();
        }

        @Test
        void oldFinishedDocumentsAreNotStale() {
            Instant old = NOW.minus(Duration.ofDays(400));
            HealthReport report = evaluateWith(
                    doc("stories/US0002-shipped.md")
                            .epic("EP0001")
                            .status("Done")
                            .modifiedAt(old),
                    doc("stories/US0003-dropped.md")
                            .epic("EP0001")
                            .status("Won't Implement")
                            .modifiedAt(old),
                    doc("plans/PL0002-finished.md")
                            .story("US0002")
                            .status("Complete")
                            .modifiedAt(old),
                    doc("bugs/BG0001-fixed.md").status("Fixed").modifiedAt(old),
                    doc("rfcs/RFC0001-accepted.md").status("Accepted").modifiedAt(old));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT)).isEmpty();
        }

        @Test
        void oldOpenAndStatuslessDocumentsAreStale() {
            Instant old = NOW.minus(Duration.ofDays(400));
            HealthReport report = evaluateWith(
                    doc("stories/US0002-open.md")
                            .epic("EP0001")
                            .status("In Progress")
                            .modifiedAt(old),
                    doc("notes/no-status.md").status(null).modifiedAt(old),
                    doc("workflows/WF0001-custom.md").status("Gated").modifiedAt(old));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT))
                    .map(Docs::affectedIds)
                    .containsExactly(List.of("US0002-open"), List.of("WF0001-custom"), List.of("no-status"));
        }

        @Test
        void archivesAndRecordsAreNeverStale() {
            Instant old = NOW.minus(Duration.ofDays(400));
            HealthReport report = evaluateWith(
                    doc("notes/_old.md").status("In Progress").modifiedAt(old),
                    doc("stories/_US0009-parked.md")
                            .epic("EP0001")
                            .status("Draft")
                            .modifiedAt(old),
                    doc("retros/sprint-1.md").status(null).modifiedAt(old),
                    doc("reviews/RV0001-review.md").status("Draft").modifiedAt(old),
                    doc("decisions/ADR-001.md").status(null).modifiedAt(old),
                    doc("personas/priya.md").modifiedAt(old),
                    doc("product/vision.md").modifiedAt(old));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT)).isEmpty();
        }

        @Test
        void aProjectOfOnlyOldFinishedDocumentsWithCompleteStructureScoresAHundred() {
            Instant old = NOW.minus(Duration.ofDays(800));
            HealthReport report = evaluate(
                    doc("prd.md").status("Complete").modifiedAt(old),
                    doc("trd.md").status("Complete").modifiedAt(old),
                    doc("epics/EP0001-accounts.md").status("Done").modifiedAt(old),
                    doc("stories/US0001-login.md").epic("EP0001").status("Done").modifiedAt(old),
                    doc("plans/PL0001-login.md")
                            .story("US0001")
                            .status("Complete")
                            .modifiedAt(old),
                    doc("test-specs/TS0001-login.md")
                            .story("US0001")
                            .status("Complete")
                            .modifiedAt(old),
                    doc("retros/RETRO0001-launch.md").status(null).modifiedAt(old));

            assertThat(report.findings()).isEmpty();
            assertThat(report.score()).isEqualTo(100);
        }
    }
}
