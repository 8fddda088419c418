package io.sdlclens.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sdlclens.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search's long statements are kept prepared per connection (see {@code KeptStatements}); each must reach a
 * generic plan after PostgreSQL's five custom ones, or every execution plans it again (about 0.9 ms at 100,000
 * documents, more than a rare word's whole execution). A statement that hides two query paths behind a parameter
 * test never does: its generic plan is priced with both paths. The planner decides on the tables' statistics, so
 * this runs on a database of its own with 2,000 analysed documents (an empty one gets a generic plan for anything).
 */
class SearchPlansTest {

    /** The arguments of one plain word: query, no project or type filter, page 20 from 0, its atom and structure. */
    private static final String ONE_WORD = "'quokka', null, null, 20, 0, '''quokka''', '{''quokka''}', '''a1''', 500,"
            + " '''quokka''', true, '{quokka}'";

    private static final String DOCUMENTS = """
            INSERT INTO project (slug, name, sdlc_path) VALUES ('plans', 'Plans', '/plans');
            INSERT INTO document (project_id, file_path, doc_type, doc_id, title, content, file_hash, file_size,
                                  parser_epoch, modified_at, synced_at, last_run_id)
            SELECT (SELECT id FROM project), 'd/' || i || '.md', (ARRAY['story', 'epic', 'bug', 'plan'])[1 + i % 4],
                   'US' || i, 'Doc ' || i,
                   (SELECT string_agg((ARRAY['system', 'service', 'wombat', 'numbat', 'bilby', 'queue', 'sync',
                                             'search', 'index', 'project', 'status', 'owner'])[1 + (i * 7 + k * 13) % 12],
                                      ' ')
                      FROM generate_series(1, 200) k) || CASE WHEN i % 1000 = 0 THEN ' quokka' ELSE '' END,
                   md5(i::text), 1000, 1, now(), now(), gen_random_uuid()
              FROM generate_series(1, 2000) i;
            SELECT search_term_fold((SELECT id FROM project));
            ANALYZE;
            """;

    private static PostgresTestResource.Database db;

    @BeforeAll
    static void documents() throws Exception {
        db = PostgresTestResource.createDatabase("plans_" + System.nanoTime());
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(DOCUMENTS);
        }
    }

    @Test
    void theIndexStatementIsPlannedOnce() throws Exception {
        assertThat(genericPlans(SearchRepository.TIERED, ONE_WORD)).isPositive();
    }

    @Test
    void theCountedStatementIsPlannedOnce() throws Exception {
        assertThat(genericPlans(SearchRepository.TIERED_COUNTED, ONE_WORD + ", 'quokka'"))
                .isPositive();
    }

    /** Executes {@code sql} prepared eight times on one connection; answers how often it was planned generically. */
    private static long genericPlans(String sql, String arguments) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute("PREPARE kept AS " + sql);
            for (int i = 0; i < 8; i++) {
                try (ResultSet rows = statement.executeQuery("EXECUTE kept(" + arguments + ")")) {
                    assertThat(rows.next()).as("the one row of the total").isTrue();
                    assertThat(rows.getLong("total")).isEqualTo(2);
                }
            }
            try (ResultSet plans =
                    statement.executeQuery("SELECT generic_plans FROM pg_prepared_statements WHERE name = 'kept'")) {
                plans.next();
                return plans.getLong(1);
            }
        }
    }
}
