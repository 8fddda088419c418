package io.sdlclens.stats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Corpus;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthCheckResourceTest {

    @Test
    void reportsFindingsOfASyncedProject() {
        String slug = Projects.register(Corpus.write("health"));
        Projects.sync(slug);

        JsonPath report = given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getString("project_slug")).isEqualTo(slug);
        assertThat(report.getString("checked_at")).isNotNull();
        assertThat(report.getInt("total_documents")).isEqualTo(10);

        List<Map<String, Object>> findings = report.getList("findings");
        assertThat(findings)
                .extracting(f -> f.get("rule_id"))
                .contains("MISSING_TRD", "MISSING_STATUS", "DUPLICATE_DOC_ID");
        Map<String, Object> missingTrd = findings.stream()
                .filter(f -> "MISSING_TRD".equals(f.get("rule_id")))
                .findFirst()
                .orElseThrow();
        assertThat(missingTrd)
                .containsEntry("severity", "high")
                .containsEntry("category", "completeness")
                .containsKeys("message", "suggested_fix", "affected_documents");
        Map<String, Object> missingStatus = findings.stream()
                .filter(f -> "MISSING_STATUS".equals(f.get("rule_id")))
                .filter(f -> f.get("affected_documents").toString().contains("US0003-sync-status"))
                .findFirst()
                .orElseThrow();
        assertThat((List<Map<String, Object>>) missingStatus.get("affected_documents"))
                .contains(Map.of(
                        "doc_id", "US0003-sync-status", "doc_type", "story", "title", "US0003: Show sync status"));

        int critical = report.getInt("summary.critical");
        int high = report.getInt("summary.high");
        int medium = report.getInt("summary.medium");
        int low = report.getInt("summary.low");
        assertThat(critical + high + medium + low).isEqualTo(findings.size());
        assertThat(report.getInt("score"))
                .isEqualTo(Math.max(0, Math.min(100, 100 - (15 * critical + 5 * high + 2 * medium + low))));
    }

    /** The trimmed body length comes from the stored document, not from a rule's guess. */
    @Test
    void blankAndShortBodiesAreFoundThroughTheStoredLength() {
        java.nio.file.Path folder = Folders.create("health-content");
        Folders.write(folder, "stories/US0001-blank.md", " \n\t\r\n  \n");
        Folders.write(folder, "stories/US0002-short.md", "\n\n  Twelve chars  \n\n");
        Folders.write(
                folder,
                "stories/US0003-full.md",
                "# US0003: Full\n\n> **Status:** Draft\n\n" + "Body text. ".repeat(10));
        String slug = Projects.register(folder);
        Projects.sync(slug);

        List<Map<String, Object>> empty = given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findings.findAll { it.rule_id == 'EMPTY_CONTENT' }");
        assertThat(empty)
                .extracting(f -> f.get("message").toString())
                .anySatisfy(m -> assertThat(m).contains("US0001").endsWith("has no content"))
                .anySatisfy(m -> assertThat(m).contains("US0002").contains("(12 characters)"))
                .noneSatisfy(m -> assertThat(m).contains("US0003"));
    }

    @Test
    void anEmptyProjectScores100AndUnknownProjectsAre404() {
        String slug = Projects.register(Folders.create("health-empty"));
        given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .body("score", equalTo(100))
                .body("total_documents", equalTo(0))
                .body("findings.size()", equalTo(0));
        given().get("/api/v1/projects/nope/health-check")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
    }

    /** A finished project that nobody has touched for a year is healthy: only open work goes stale. */
    @Test
    void oldFinishedDocumentsOfASyncedFolderAreNotStale() throws Exception {
        Path folder = Folders.create("health-stale");
        String body = "\n\n" + "This document says enough to count as written. ".repeat(3) + "\n";
        Folders.write(folder, "prd.md", "# PRD\n\n> **Status:** Complete\n" + body);
        Folders.write(folder, "trd.md", "# TRD\n\n> **Status:** Complete\n" + body);
        Folders.write(
                folder,
                "epics/EP0001-accounts.md",
                "# EP0001: Accounts\n\n> **Status:** Done\n> **Owner:** ana\n" + body);
        Folders.write(
                folder,
                "stories/US0001-login.md",
                "# US0001: Login\n\n> **Status:** Done\n> **Owner:** ana\n> **Epic:** EP0001\n" + body);
        Folders.write(
                folder, "plans/PL0001-login.md", "# PL0001\n\n> **Status:** Complete\n> **Story:** US0001\n" + body);
        Folders.write(
                folder,
                "test-specs/TS0001-login.md",
                "# TS0001\n\n> **Status:** Complete\n> **Story:** US0001\n" + body);
        Folders.write(folder, "retros/RETRO0001-launch.md", "# Launch retro\n" + body);
        ageEveryFile(folder, Duration.ofDays(400));
        String slug = Projects.register(folder);
        Projects.sync(slug);

        given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .body("total_documents", equalTo(7))
                .body("findings.size()", equalTo(0))
                .body("score", equalTo(100));

        // Open work left untouched as long is stale, and so is a document without status; an archive is not.
        Folders.write(
                folder,
                "stories/US0002-open.md",
                "# US0002: Open\n\n> **Status:** In Progress\n> **Owner:** ana\n> **Epic:** EP0001\n" + body);
        Folders.write(folder, "notes/ideas.md", "# Ideas\n" + body);
        Folders.write(folder, "notes/_parked.md", "# Parked\n\n> **Status:** Draft\n" + body);
        ageEveryFile(folder, Duration.ofDays(400));
        Projects.sync(slug);

        List<Map<String, Object>> stale = given().get("/api/v1/projects/" + slug + "/health-check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findings.findAll { it.rule_id == 'STALE_DOCUMENT' }");
        assertThat(stale)
                .extracting(f -> f.get("message").toString())
                .containsExactlyInAnyOrder(
                        "Story US0002-open has not changed for 400 days",
                        "Document ideas has not changed for 400 days");
    }

    private static void ageEveryFile(Path folder, Duration age) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(age).minusSeconds(60));
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, then);
            }
        }
    }
}
