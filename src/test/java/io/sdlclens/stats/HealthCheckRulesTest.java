package io.sdlclens.stats;

import static io.sdlclens.stats.Docs.NOW;
import static io.sdlclens.stats.Docs.doc;
import static io.sdlclens.stats.Docs.evaluate;
import static io.sdlclens.stats.Docs.findings;
import static io.sdlclens.stats.Docs.healthyProjectWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthCheckRulesTest {

    @ParameterizedTest
    @CsvSource({
        "MISSING_PRD, critical, completeness",
        "MISSING_TRD, high, completeness",
        "MISSING_PLAN, medium, completeness",
        "MISSING_TEST_SPEC, medium, completeness",
        "EPIC_NO_STORIES, high, completeness",
        "STORY_NO_EPIC, high, consistency",
        "PLAN_NO_STORY, medium, consistency",
        "TEST_SPEC_NO_STORY, medium, consistency",
        "ORPHAN_REFERENCE, medium, consistency",
        "STATUS_MISMATCH, low, consistency",
        "STALE_ARTEFACT_STATUS, low, consistency",
        "UNTRIAGED_INBOX, low, consistency",
        "MISSING_STATUS, high, quality",
        "MISSING_OWNER, medium, quality",
        "MISSING_PRIORITY, low, quality",
        "MISSING_STORY_POINTS, low, quality",
        "DUPLICATE_DOC_ID, critical, integrity",
        "EMPTY_CONTENT, high, integrity",
        "STALE_DOCUMENT, low, integrity"
    })
    void everyRuleHasTheSeverityAndCategoryOfTheTable(String ruleId, String severity, String category) {
        HealthRule rule = HealthRule.valueOf(ruleId);

        assertThat(rule.severity().label()).isEqualTo(severity);
        assertThat(rule.category().label()).isEqualTo(category);
    }

    @Test
    void thereAreExactlyTheNineteenRulesOfTheTable() {
        assertThat(HealthRule.values()).hasSize(19);
    }

    @Nested
    class Score {

        @Test
        void noFindingsScoreOneHundred() {
            assertThat(new HealthSummary(0, 0, 0, 0).score()).isEqualTo(100);
        }

        @Test
        void eachSeverityCostsItsWeight() {
            assertThat(new HealthSummary(1, 0, 0, 0).score()).isEqualTo(85);
            assertThat(new HealthSummary(0, 1, 0, 0).score()).isEqualTo(95);
            assertThat(new HealthSummary(0, 0, 1, 0).score()).isEqualTo(98);
            assertThat(new HealthSummary(0, 0, 0, 1).score()).isEqualTo(99);
            assertThat(new HealthSummary(2, 3, 4, 5).score()).isEqualTo(100 - 30 - 15 - 8 - 5);
        }

        @Test
        void theScoreIsClampedAtZero() {
            assertThat(new HealthSummary(6, 2, 0, 0).score()).isZero();
            assertThat(new HealthSummary(7, 0, 0, 0).score()).isZero();
            assertThat(new HealthSummary(0, 0, 0, 101).score()).isZero();
            assertThat(new HealthSummary(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)
                            .score())
                    .isZero();
        }

        @Test
        void exactlyOneHundredPointsOfPenaltyScoresZero() {
            assertThat(new HealthSummary(0, 20, 0, 0).score()).isZero();
            assertThat(new HealthSummary(0, 19, 0, 4).score()).isEqualTo(1);
        }

        @Test
        void negativeCountsAreRejected() {
            assertThatThrownBy(() -> new HealthSummary(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anEmptyProjectScoresOneHundredWithNoFindings() {
            HealthReport report = HealthCheckRules.evaluate(List.of(), NOW);

            assertThat(report.findings()).isEmpty();
            assertThat(report.summary()).isEqualTo(new HealthSummary(0, 0, 0, 0));
            assertThat(report.score()).isEqualTo(100);
            assertThat(report.totalDocuments()).isZero();
            assertThat(report.checkedAt()).isEqualTo(NOW);
        }

        @Test
        void theReportCountsFindingsBySeverityAndScoresThem() {
            // No PRD (critical), no TRD (high), and a plan with an orphan story (medium) and no status (high).
            List<Docs.Doc> docs = healthyProjectWithout("prd", "trd", "PL0001-login");
            docs.add(doc("plans/PL0001-login.md").story("US0099").status(null));
            docs.add(doc("plans/PL0002-login.md").story("US0001"));
            docs.add(doc("notes/old.md").modifiedAt(NOW.minus(Duration.ofDays(90))));
            HealthReport report = evaluate(docs);

            assertThat(Docs.ruleIds(report))
                    .containsExactly(
                            "MISSING_PRD", "MISSING_STATUS", "MISSING_TRD", "ORPHAN_REFERENCE", "STALE_DOCUMENT");
            assertThat(report.summary()).isEqualTo(new HealthSummary(1, 2, 1, 1));
            assertThat(report.score()).isEqualTo(100 - 15 - 10 - 2 - 1);
            assertThat(report.totalDocuments()).isEqualTo(6);
        }

        @Test
        void aBadProjectBottomsOutAtZero() {
            List<Docs.Doc> docs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                docs.add(doc("notes/n" + i + ".md").contentLength(0));
            }
            HealthReport report = evaluate(docs);

            assertThat(report.summary()).isEqualTo(new HealthSummary(1, 21, 0, 0));
            assertThat(report.score()).isZero();
        }
    }

    @Nested
    class Order {

        @Test
        void findingsAreOrderedBySeverityThenRuleThenFirstAffectedDocId() {
            List<Docs.Doc> docs = healthyProjectWithout("trd");
            docs.add(doc("stories/US0003-b.md").epic("EP0001").priority(null));
            docs.add(doc("stories/US0002-a.md").epic("EP0001").priority(null));
            docs.add(doc("plans/PL0001-login.md").story("US0001"));
            HealthReport report = evaluate(docs);

            assertThat(report.findings())
                    .extracting(
                            Finding::ruleId,
                            f -> f.affectedDocuments().isEmpty()
                                    ? ""
                                    : Docs.affectedIds(f).get(0))
                    .containsExactly(
                            tuple("DUPLICATE_DOC_ID", "PL0001-login"),
                            tuple("MISSING_TRD", ""),
                            tuple("MISSING_PLAN", "US0002-a"),
                            tuple("MISSING_PLAN", "US0003-b"),
                            tuple("MISSING_TEST_SPEC", "US0002-a"),
                            tuple("MISSING_TEST_SPEC", "US0003-b"),
                            tuple("MISSING_PRIORITY", "US0002-a"),
                            tuple("MISSING_PRIORITY", "US0003-b"));
        }

        @Test
        void inputOrderDoesNotChangeTheReport() {
            List<HealthDocument> documents = messyProject();
            HealthReport expected = HealthCheckRules.evaluate(documents, NOW);
            assertThat(expected.findings()).extracting(Finding::rule).containsAll(EnumSet.allOf(HealthRule.class));

            for (long seed = 1; seed <= 20; seed++) {
                List<HealthDocument> shuffled = new ArrayList<>(documents);
                Collections.shuffle(shuffled, new Random(seed));
                assertThat(HealthCheckRules.evaluate(shuffled, NOW)).isEqualTo(expected);
            }
            List<HealthDocument> reversed = new ArrayList<>(documents);
            Collections.reverse(reversed);
            assertThat(HealthCheckRules.evaluate(reversed, NOW)).isEqualTo(expected);
        }

        /** A project that breaks every rule at least once, with duplicates and ambiguous ids. */
        private List<HealthDocument> messyProject() {
            return Arrays.stream(new Docs.Doc[] {
                        doc("epics/EP0001-a.md").status("Done"),
                        doc("epics/EP0002-b.md").owner(null),
                        doc("reviews/EP0003-c.md"),
                        doc("stories/US0001-a.md").epic("EP0001"),
                        doc("stories/US0001-a-copy.md").epic("EP0001").status("Done"),
                        doc("stories/US0002-b.md").priority(null).storyPoints(null),
                        doc("stories/US0003-c.md").epic("EP0009").status("Done"),
                        doc("stories/US0004-d.md").epic("EP0001").aliases("US0040"),
                        doc("plans/PL0001-a.md").story("US0003"),
                        doc("plans/PL0002-b.md"),
                        doc("test-specs/TS0001-a.md"),
                        doc("test-specs/TS0002-b.md").epic("EP0001"),
                        doc("bugs/BG0001-a.md").story("US0040").status("inbox"),
                        doc("rfcs/RFC0001-a.md").status("inbox").contentLength(0),
                        doc("notes/US0001-a.md").status(null),
                        doc("notes/old.md").modifiedAt(NOW.minus(Duration.ofDays(60))),
                        doc("retros/RETRO0001-a.md").story("US0099").status(null)
                    })
                    .map(Docs.Doc::build)
                    .toList();
        }
    }

    @Nested
    class Input {

        @Test
        void blankOptionalFieldsReadAsAbsent() {
            HealthDocument document = new HealthDocument(
                    "US0001-a", "story", " ", "", " ", "\t", null, "", " ", "", null, "stories/US0001-a.md", 0, NOW);

            assertThat(document.title()).isEqualTo("US0001-a");
            assertThat(document.status()).isNull();
            assertThat(document.owner()).isNull();
            assertThat(document.priority()).isNull();
            assertThat(document.epic()).isNull();
            assertThat(document.story()).isNull();
            assertThat(document.refId()).isNull();
            assertThat(document.aliases()).isEmpty();
        }

        @Test
        void referencesInAnotherSpellingStillMatch() {
            // The sync stores normalised ids; a caller passing "ep-0001" is read through DocumentIds.normalise.
            List<Docs.Doc> docs = healthyProjectWithout("US0001-login");
            docs.add(doc("stories/US0001-login.md").epic("ep-0001"));

            assertThat(findings(evaluate(docs), HealthRule.ORPHAN_REFERENCE)).isEmpty();
            assertThat(findings(evaluate(docs), HealthRule.EPIC_NO_STORIES)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, Integer.MIN_VALUE})
        void negativeContentLengthIsRejected(int length) {
            assertThatThrownBy(() -> doc("notes/x.md").contentLength(length).build())
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void requiredFieldsAreRequired() {
            assertThatThrownBy(() -> new HealthDocument(
                            null, "story", "t", null, null, null, null, null, null, null, null, "p.md", 0, NOW))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("docId");
            assertThatThrownBy(() -> HealthCheckRules.evaluate(List.of(), null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Scale {

        /**
         * 10,000 documents: 400 epics of 9 stories each; every story has a plan, odd stories a test spec and
         * even stories rely on their epic's epic-level test spec, which every tenth epic lacks; bugs fill up.
         */
        @Test
        void evaluatesTenThousandDocuments() {
            List<HealthDocument> documents = new ArrayList<>(10_000);
            documents.add(doc("prd.md").build());
            documents.add(doc("trd.md").build());
            Instant recent = NOW.minus(Duration.ofDays(2));
            for (int e = 1; e <= 400; e++) {
                String epic = String.format("EP%05d", e);
                documents.add(
                        doc("epics/" + epic + "-epic.md").modifiedAt(recent).build());
                if (e % 10 != 0) {
                    documents.add(doc("test-specs/TS9" + String.format("%05d", e) + "-epic.md")
                            .epic(epic)
                            .build());
                }
                for (int s = 0; s < 9; s++) {
                    String story = String.format("US%05d", (e - 1) * 10 + s);
                    documents.add(
                            doc("stories/" + story + "-story.md").epic(epic).build());
                    documents.add(doc("plans/PL" + story.substring(2) + "-plan.md")
                            .story(story)
                            .build());
                    if (s % 2 == 1) {
                        documents.add(doc("test-specs/TS" + story.substring(2) + "-spec.md")
                                .story(story)
                                .build());
                    }
                }
            }
            while (documents.size() < 10_000) {
                documents.add(doc("bugs/BG" + String.format("%05d", documents.size()) + "-bug.md")
                        .status("Open")
                        .build());
            }
            assertThat(documents).hasSize(10_000);

            HealthReport report = HealthCheckRules.evaluate(documents, NOW);

            // Only the even stories of every tenth epic lack a test spec: 40 epics × 5 stories.
            assertThat(report.totalDocuments()).isEqualTo(10_000);
            assertThat(Docs.ruleIds(report)).containsOnly("MISSING_TEST_SPEC");
            assertThat(report.findings()).hasSize(200);
            assertThat(report.summary()).isEqualTo(new HealthSummary(0, 0, 200, 0));
            assertThat(report.score()).isZero();
        }
    }
}
