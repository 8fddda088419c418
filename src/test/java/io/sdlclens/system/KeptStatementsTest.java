package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service's pool prepares a kept statement once per connection and keeps it; any other stays one-shot. */
@QuarkusTest
class KeptStatementsTest {

    static final String KEPT = KeptStatements.keep("SELECT $1::int + 1 AS kept_probe");

    static final String ONE_SHOT = "SELECT $1::int + 1 AS one_shot_probe";

    @Inject
    Pool pool;

    @Test
    void aKeptStatementStaysPreparedOnItsConnectionAndAnOtherDoesNot() {
        List<String> prepared = pool.withConnection(connection -> connection
                        .preparedQuery(KEPT)
                        .execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(KEPT).execute(Tuple.of(2)))
                        .chain(() -> connection.preparedQuery(ONE_SHOT).execute(Tuple.of(3)))
                        .chain(() -> connection
                                .query("SELECT statement FROM pg_prepared_statements"
                                        + " WHERE statement LIKE '%\\_probe' ORDER BY statement")
                                .execute())
                        .map(rows -> {
                            List<String> statements = new ArrayList<>();
                            for (Row row : rows) {
                                statements.add(row.getString("statement"));
                            }
                            return statements;
                        }))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(prepared).containsExactly(KEPT);
    }
}
