package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.sdlclens.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migrations applied to a database that already holds data, as an upgrade meets it. */
class MigrationsTest {

    @Test
    void searchVectorsMoveToTheirOwnTableWithTheDocumentsAlreadyStored() throws Exception {
        PostgresTestResource.Database db = PostgresTestResource.createDatabase("upgrade_" + System.nanoTime());
        flyway(db, "3").migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement sql = c.createStatement()) {
            sql.execute("INSERT INTO project (slug, name, sdlc_path) VALUES ('old', 'Old', '/tmp/old')");
            sql.execute("""
                    INSERT INTO document (project_id, file_path, doc_type, doc_id, title, content, file_hash,
                                          file_size, parser_epoch, modified_at, synced_at, last_run_id)
                    SELECT id, 'stories/US0001-x.md', 'story', 'US0001', 'Wombat story', 'A numbat body.', 'h',
                           14, 1, now(), now(), gen_random_uuid()
                      FROM project
                    """);

            flyway(db, "latest").migrate();

            try (ResultSet found = sql.executeQuery("""
                    SELECT s.doc_type, ts_rank(s.search_vector, websearch_to_tsquery('english', 'wombat')) >
                           ts_rank(s.search_vector, websearch_to_tsquery('english', 'numbat')) AS title_first
                      FROM document_search s JOIN document d ON d.id = s.document_id
                     WHERE s.search_vector @@ websearch_to_tsquery('english', 'numbat')
                    """)) {
                assertThat(found.next())
                        .as("the stored document is searchable after the upgrade")
                        .isTrue();
                assertThat(found.getString("doc_type")).isEqualTo("story");
                assertThat(found.getBoolean("title_first")).isTrue();
            }
            try (ResultSet counted = sql.executeQuery("""
                    SELECT string_agg(lexeme || '=' || documents, ',' ORDER BY lexeme) FROM search_term_count
                    """)) {
                counted.next();
                assertThat(counted.getString(1))
                        .as("the stored document's words are counted after the upgrade")
                        .isEqualTo("bodi=1,numbat=1,stori=1,wombat=1");
            }
            try (ResultSet column = sql.executeQuery("""
                    SELECT count(*) FROM information_schema.columns
                     WHERE table_name = 'document' AND column_name = 'search_vector'
                    """)) {
                column.next();
                assertThat(column.getInt(1)).isZero();
            }
        }
    }

    private static Flyway flyway(PostgresTestResource.Database db, String target) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }
}
