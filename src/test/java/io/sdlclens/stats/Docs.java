package io.sdlclens.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.sdlclens.format.DocumentIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test documents: identity inferred from the path as the sync does, every other field healthy by default. */
final class Docs {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private Docs() {}

    static Doc doc(String path) {
        return new Doc(path);
    }

    /**
     * A project with no findings: a PRD, a TRD, epic EP0001 with story US0001, which has a plan and a test
     * spec. Tests add to it or replace parts of it.
     */
    static List<Doc> healthyProject() {
        return new ArrayList<>(List.of(
                doc("prd.md").status(null),
                doc("trd.md").status(null),
                doc("epics/EP0001-accounts.md"),
                doc("stories/US0001-login.md").epic("EP0001"),
                doc("plans/PL0001-login.md").story("US0001"),
                doc("test-specs/TS0001-login.md").story("US0001")));
    }

    /** The healthy project without the documents whose doc id is listed. */
    static List<Doc> healthyProjectWithout(String... docIds) {
        List<String> dropped = List.of(docIds);
        List<Doc> docs = healthyProject();
        docs.removeIf(d -> dropped.contains(d.docId()));
        assertThat(docs).hasSize(6 - dropped.size());
        return docs;
    }

    static HealthReport evaluate(List<Doc> docs) {
        return HealthCheckRules.evaluate(docs.stream().map(Doc::build).toList(), NOW);
    }

    static HealthReport evaluate(Doc... docs) {
        return evaluate(Arrays.asList(docs));
    }

    /** The healthy project plus {@code extra}. */
    static HealthReport evaluateWith(Doc... extra) {
        List<Doc> docs = healthyProject();
        docs.addAll(Arrays.asList(extra));
        return evaluate(docs);
    }

    static List<Finding> findings(HealthReport report, HealthRule rule) {
        return report.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    static List<String> affectedIds(Finding finding) {
        return finding.affectedDocuments().stream().map(AffectedDocument::docId).toList();
    }

    static List<String> ruleIds(HealthReport report) {
        return report.findings().stream().map(Finding::ruleId).toList();
    }

    /** Asserts the report has exactly one finding of {@code ruleId} and returns it. */
    static Finding single(HealthReport report, String ruleId) {
        List<Finding> matching = report.findings().stream()
                .filter(f -> f.ruleId().equals(ruleId))
                .toList();
        assertThat(matching)
                .as("findings of %s in %s", ruleId, report.findings())
                .hasSize(1);
        return matching.get(0);
    }

    /** Asserts one finding's identity: rule id, severity and category labels, affected doc ids in order. */
    static void assertFinding(Finding finding, String ruleId, String severity, String category, String... docIds) {
        assertThat(finding.ruleId()).isEqualTo(ruleId);
        assertThat(finding.severity().label()).isEqualTo(severity);
        assertThat(finding.category().label()).isEqualTo(category);
        assertThat(affectedIds(finding)).containsExactly(docIds);
    }

    /** A mutable document under construction. */
    static final class Doc {
        private final String path;
        private final DocumentIdentity identity;
        private String title;
        private String status = "In Progress";
        private String owner = "alice";
        private String priority = "High";
        private Integer storyPoints = 3;
        private String epic;
        private String story;
        private List<String> aliases = List.of();
        private int contentLength = 200;
        private Instant modifiedAt = NOW.minus(Duration.ofDays(1));

        private Doc(String path) {
            this.path = path;
            this.identity = DocumentIdentity.infer(path);
        }

        Doc title(String value) {
            title = value;
            return this;
        }

        Doc status(String value) {
            status = value;
            return this;
        }

        Doc owner(String value) {
            owner = value;
            return this;
        }

        Doc priority(String value) {
            priority = value;
            return this;
        }

        Doc storyPoints(Integer value) {
            storyPoints = value;
            return this;
        }

        Doc epic(String value) {
            epic = value;
            return this;
        }

        Doc story(String value) {
            story = value;
            return this;
        }

        Doc aliases(String... values) {
            aliases = List.of(values);
            return this;
        }

        Doc contentLength(int value) {
            contentLength = value;
            return this;
        }

        Doc modifiedAt(Instant value) {
            modifiedAt = value;
            return this;
        }

        String docId() {
            return identity.docId();
        }

        HealthDocument build() {
            return new HealthDocument(
                    identity.docId(),
                    identity.type(),
                    title,
                    status,
                    owner,
                    priority,
                    storyPoints,
                    epic,
                    story,
                    identity.refId(),
                    aliases,
                    path,
                    contentLength,
                    modifiedAt);
        }
    }
}
