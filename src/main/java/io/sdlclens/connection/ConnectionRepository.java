package io.sdlclens.connection;

import static io.sdlclens.system.SqlRows.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The connection table, through the reactive pool: single statements, no ORM session needed. */
@ApplicationScoped
public class ConnectionRepository {

    private static final String COLUMNS =
            "id, label, login, token_ciphertext, masked_token, created_at, last_validated_at";

    private final Pool pool;

    public ConnectionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<StoredConnection>> all() {
        return pool.query("SELECT " + COLUMNS + " FROM connection ORDER BY id")
                .execute()
                .map(ConnectionRepository::connections);
    }

    /** @return the connection, or null */
    public Uni<StoredConnection> byId(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM connection WHERE id = $1")
                .execute(Tuple.of(id))
                .map(ConnectionRepository::first);
    }

    public Uni<Boolean> labelTaken(String label) {
        return pool.preparedQuery("SELECT 1 FROM connection WHERE lower(label) = lower($1)")
                .execute(Tuple.of(label))
                .map(rows -> rows.size() > 0);
    }

    /** A new connection whose token GitHub just accepted; a taken label fails with a unique violation. */
    public Uni<StoredConnection> insert(String label, String login, byte[] ciphertext, String masked) {
        return pool.preparedQuery("""
                        INSERT INTO connection (label, login, token_ciphertext, masked_token, last_validated_at)
                        VALUES ($1, $2, $3, $4, clock_timestamp())
                        RETURNING """ + " " + COLUMNS)
                .execute(Tuple.of(label, login, Buffer.buffer(ciphertext), masked))
                .map(ConnectionRepository::first);
    }

    /** @return the connection with its new token, or null when it was deleted meanwhile */
    public Uni<StoredConnection> replaceToken(long id, String login, byte[] ciphertext, String masked) {
        return pool.preparedQuery("""
                        UPDATE connection
                           SET login = $2, token_ciphertext = $3, masked_token = $4,
                               last_validated_at = clock_timestamp()
                         WHERE id = $1
                        RETURNING """ + " " + COLUMNS)
                .execute(Tuple.of(id, login, Buffer.buffer(ciphertext), masked))
                .map(ConnectionRepository::first);
    }

    /** @return the connection, or null when it was deleted meanwhile */
    public Uni<StoredConnection> markValidated(long id, String login) {
        return pool.preparedQuery("""
                        UPDATE connection SET login = $2, last_validated_at = clock_timestamp()
                         WHERE id = $1
                        RETURNING """ + " " + COLUMNS)
                .execute(Tuple.of(id, login))
                .map(ConnectionRepository::first);
    }

    /** Slugs of the projects that fetch with this connection, in name order. */
    public Uni<List<String>> projectsUsing(long id) {
        return pool.preparedQuery("SELECT slug FROM project WHERE connection_id = $1 ORDER BY slug")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<String> slugs = new ArrayList<>();
                    rows.forEach(row -> slugs.add(row.getString("slug")));
                    return slugs;
                });
    }

    /**
     * @return whether a row was deleted. A project that started using the connection after the check fails the
     *     statement with a foreign-key violation (ON DELETE RESTRICT).
     */
    public Uni<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM connection WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static StoredConnection first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? connection(it.next()) : null;
    }

    private static List<StoredConnection> connections(RowSet<Row> rows) {
        List<StoredConnection> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(connection(row)));
        return all;
    }

    private static StoredConnection connection(Row row) {
        return new StoredConnection(
                row.getLong("id"),
                row.getString("label"),
                row.getString("login"),
                row.getBuffer("token_ciphertext").getBytes(),
                row.getString("masked_token"),
                instant(row, "created_at"),
                instant(row, "last_validated_at"));
    }
}
