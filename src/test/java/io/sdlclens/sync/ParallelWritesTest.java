package io.sdlclens.sync;

import static io.sdlclens.sync.SyncEngineTest.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Batches written on several connections at once: counts stay exact, a lost lease stops every writer, and a
 * failing batch fails the run without deleting anything. Tiny batches make every run many batches long.
 */
@QuarkusTest
@TestProfile(ParallelWritesTest.TinyBatches.class)
class ParallelWritesTest {

    public static class TinyBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sdlc-lens.sync.batch-size", "3", "sdlc-lens.sync.writers", "3");
        }
    }

    @Inject
    SyncRunner runner;

    @Test
    void countsAreExactWithSeveralWritersAndManyBatches() throws Exception {
        Path root = Folders.withDocuments("parallel", 100);
        String slug = Projects.register(root);

        JsonPath cold = Projects.sync(slug);
        assertThat(cold.getString("status")).isEqualTo("synced");
        assertCounts(cold, 100, 0, 0, 0, 0);
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(100);
        assertThat(SyncEngineTest.documents(slug)).hasSize(100);

        // 10 edited, 7 deleted, 5 added, one undecodable: spread over many batches of every kind
        for (int i = 1; i <= 10; i++) {
            Folders.write(root, "stories/US%04d-story.md".formatted(i * 9), "# Edited %d\n".formatted(i));
        }
        for (int i = 1; i <= 7; i++) {
            Files.delete(root.resolve("stories/US%04d-story.md".formatted(i * 13)));
        }
        for (int i = 1; i <= 5; i++) {
            Folders.write(root, "epics/EP%04d-new.md".formatted(i), "# EP%04d: New\n".formatted(i));
        }
        Files.write(root.resolve("stories/US0002-story.md"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});

        JsonPath resync = Projects.sync(slug);
        // a per-file error makes the run's status error; it still completed
        assertThat(resync.getBoolean("completed")).isTrue();
        // edited 9, 18, ..., 90; deleted 13, 26, ..., 91: no overlap
        assertCounts(resync, 5, 10, 100 - 10 - 7 - 1, 7, 1);
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(100 - 7 + 5);
        assertThat(SyncEngineTest.documents(slug)).hasSize(98);
        assertThat(SyncEngineTest.document(slug, "stories/US0090-story.md").get("title"))
                .isEqualTo("Edited 10");
        assertThat(SyncEngineTest.document(slug, "stories/US0002-story.md").get("title"))
                .isEqualTo("Story 2");
        // the progress the batches published adds up to the final counts
        Map<String, Object> run = Sql.rows(
                        "SELECT added, updated, deleted FROM sync_run WHERE run_id = ?::uuid",
                        resync.getString("run_id"))
                .get(0);
        assertThat(run).containsEntry("added", 5).containsEntry("updated", 10).containsEntry("deleted", 7);
    }

    @Test
    void aLeaseLostMidRunStopsEveryWriter() throws Exception {
        Path root = Folders.withDocuments("lost-mid-run", 1500);
        String slug = Projects.register(root);
        String runId = Projects.trigger(slug);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> (Integer) Sql.value("SELECT added FROM sync_run WHERE run_id = ?::uuid", runId) >= 30);

        // another replica takes the lease over; its update waits for the batches holding the fence
        String takenOver = (String) Sql.value("""
                UPDATE project SET run_id = ?, heartbeat_at = clock_timestamp() + interval '1 hour'
                 WHERE slug = ? RETURNING clock_timestamp()::text
                """, UUID.randomUUID(), slug);
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.activeCount() == 0);

        long projectId = ((Number) Sql.value("SELECT id FROM project WHERE slug = ?", slug)).longValue();
        long written = (Long) Sql.value("SELECT count(*) FROM document WHERE project_id = ?", projectId);
        assertThat(written).as("the run stopped part-way").isBetween(30L, 1499L);
        assertThat(Sql.value(
                        "SELECT count(*) FROM document WHERE project_id = ? AND synced_at > ?::timestamptz",
                        projectId,
                        takenOver))
                .as("no batch committed after the takeover")
                .isEqualTo(0L);
        Map<String, Object> lost = Sql.rows(
                        "SELECT status, finished_at, added FROM sync_run WHERE run_id = ?::uuid", runId)
                .get(0);
        assertThat(lost.get("status")).isEqualTo("syncing");
        assertThat(lost.get("finished_at")).isNull();
        assertThat(((Number) lost.get("added")).longValue())
                .as("published progress is exactly what committed")
                .isEqualTo(written);
    }

    @Test
    void aFailingBatchFailsTheRunAndDeletesNothing() throws Exception {
        Path root = Folders.withDocuments("failing-writer", 60);
        String slug = Projects.register(root);
        assertCounts(Projects.sync(slug), 60, 0, 0, 0, 0);
        long projectId = ((Number) Sql.value("SELECT id FROM project WHERE slug = ?", slug)).longValue();

        Files.delete(root.resolve("stories/US0001-story.md"));
        for (int i = 2; i <= 60; i++) {
            Folders.write(root, "stories/US%04d-story.md".formatted(i), "# Changed %d\n".formatted(i));
        }
        // the database refuses one document's write (as a full disk or a broken row would)
        Sql.update("""
                CREATE FUNCTION refuse_one_document() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- slowly, and in the last batch: the deletions must wait for it, not just for a free writer
                    IF NEW.file_path = 'stories/US0060-story.md' THEN
                        PERFORM pg_sleep(0.5);
                        RAISE EXCEPTION 'refused';
                    END IF;
                    RETURN NEW;
                END $$""");
        Sql.update("""
                CREATE TRIGGER refuse_one_document BEFORE UPDATE ON document
                    FOR EACH ROW EXECUTE FUNCTION refuse_one_document()""");
        try {
            JsonPath failed = Projects.sync(slug);
            assertThat(failed.getString("status")).isEqualTo("error");
            assertThat(failed.getString("error")).isEqualTo("sync failed: unexpected error");
            assertThat(runner.activeCount()).isZero();
            assertThat(Sql.value(
                            "SELECT count(*) FROM document WHERE project_id = ? AND file_path = ?",
                            projectId,
                            "stories/US0001-story.md"))
                    .as("nothing deleted by a run that failed")
                    .isEqualTo(1L);
            assertThat(SyncEngineTest.document(slug, "stories/US0060-story.md").get("title"))
                    .isEqualTo("Story 60");
        } finally {
            Sql.update("DROP TRIGGER refuse_one_document ON document");
            Sql.update("DROP FUNCTION refuse_one_document()");
        }

        JsonPath recovered = Projects.sync(slug);
        assertThat(recovered.getString("status")).isEqualTo("synced");
        assertThat(recovered.getInt("deleted")).isEqualTo(1);
        assertThat(Projects.get(slug).getInt("document_count")).isEqualTo(59);
        assertThat(SyncEngineTest.document(slug, "stories/US0060-story.md").get("title"))
                .isEqualTo("Changed 60");
    }
}
