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
            assertThat(finding.suggestedFix()).isEqualTo("Review it: update it if it is still current, or archive it");
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
        void finishedAndArchivedDocumentsAreStillChecked() {
            HealthReport report = evaluateWith(
                    doc("notes/_old.md").modifiedAt(NOW.minus(Duration.ofDays(400))),
                    doc("stories/US0002-shipped.md")
                            .epic("EP0001")
                            .status("Done")
                            .modifiedAt(NOW.minus(Duration.ofDays(400))));

            assertThat(findings(report, HealthRule.STALE_DOCUMENT))
                    .map(Docs::affectedIds)
                    .containsExactly(List.of("US0002-shipped"), List.of("_old"));
        }
    }
}
