package io.sdlclens.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.PostgresTestResource;
import io.sdlclens.testing.Projects;
import io.sdlclens.testing.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The row locks of a held lease, on two real connections: a batch's fence lock lets the heartbeat (and any update
 * of a non-lease column) through at once, while every change of {@code run_id} or {@code sync_status} waits for
 * the batch to commit. A lock that waited would make batches and heartbeats queue behind each other; one that
 * did not would let a run that lost its lease commit after the takeover.
 */
@QuarkusTest
class LeaseLockTest {

    private static final String LOCK_TIMEOUT = "55P03";

    @Test
    void aBatchInFlightBlocksLeaseChangesButNotTheHeartbeat() throws Exception {
        String slug = Projects.register(Folders.withDocuments("lease-lock", 1));
        long projectId = ((Number) Sql.value("SELECT id FROM project WHERE slug = ?", slug)).longValue();
        UUID runId = UUID.randomUUID();
        Sql.update(
                "UPDATE project SET sync_status = 'syncing', run_id = ?, heartbeat_at = clock_timestamp() WHERE id = ?",
                runId,
                projectId);
        try (Connection batch = PostgresTestResource.connect();
                Connection other = PostgresTestResource.connect()) {
            batch.setAutoCommit(false);
            assertThat(rows(batch, SyncLease.LOCK, projectId, runId))
                    .as("the fence holds")
                    .isEqualTo(1);

            try (Statement timeout = other.createStatement()) {
                timeout.execute("SET lock_timeout = '500ms'");
            }
            Object beat = Sql.value("SELECT heartbeat_at FROM project WHERE id = ?", projectId);
            update(other, SyncLease.RENEW, projectId, runId);
            assertThat(Sql.value("SELECT heartbeat_at > ?::timestamptz FROM project WHERE id = ?", beat, projectId))
                    .as("the heartbeat goes through beside the batch")
                    .isEqualTo(true);
            assertThat(update(other, "UPDATE project SET sync_requested = true WHERE id = $1", projectId))
                    .as("a follow-up request goes through beside the batch")
                    .isEqualTo(1);
            assertThatThrownBy(() ->
                            update(other, "UPDATE project SET run_id = $1 WHERE id = $2", UUID.randomUUID(), projectId))
                    .as("a takeover waits for the batch")
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(LOCK_TIMEOUT));
            assertThatThrownBy(() -> update(other, "UPDATE project SET sync_status = 'error' WHERE id = $1", projectId))
                    .as("the reaper waits for the batch")
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(LOCK_TIMEOUT));

            batch.commit();
            assertThat(update(other, "UPDATE project SET sync_status = 'error' WHERE id = $1", projectId))
                    .as("once the batch committed, the lease can change")
                    .isEqualTo(1);
        }
    }

    private static int rows(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params);
                ResultSet result = statement.executeQuery()) {
            int n = 0;
            while (result.next()) {
                n++;
            }
            return n;
        }
    }

    private static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /** Turns the pool's {@code $n} placeholders into JDBC's, in order of appearance (one may repeat). */
    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        Matcher placeholder = Pattern.compile("\\$(\\d+)").matcher(sql);
        List<Object> ordered = new ArrayList<>();
        while (placeholder.find()) {
            ordered.add(params[Integer.parseInt(placeholder.group(1)) - 1]);
        }
        PreparedStatement statement = connection.prepareStatement(sql.replaceAll("\\$\\d+", "?"));
        for (int i = 0; i < ordered.size(); i++) {
            statement.setObject(i + 1, ordered.get(i));
        }
        return statement;
    }
}
