package io.sdlclens.system;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * The reactive pool, with every one-shot query ({@code pool.query(…)}, {@code pool.preparedQuery(…)}) run on a
 * connection borrowed for it, the way a transaction borrows one.
 *
 * <p>Why: vertx-sql-client 4.5 arms a timer of the pool's acquire timeout for each one-shot query and cancels it
 * only when a connection was acquired. When acquiring fails first (the database refuses connections), the query
 * fails at once and the timer still fires later, failing the finished query a second time: Vert.x reports
 * "IllegalStateException: Result is already complete" as an uncaught exception, one per failed query
 * (eclipse-vertx/vertx-sql-client#1706, open). Borrowing a connection goes through the pool's other acquire
 * path, which cancels its timer whatever the outcome, and bounds the wait by the same acquire timeout.
 */
@SuppressWarnings("deprecation") // Quarkus expects a PgPool from a PgPoolCreator
final class ConnectionScopedPool implements PgPool {

    private final PgPool pool;

    private ConnectionScopedPool(PgPool pool) {
        this.pool = pool;
    }

    static PgPool of(PgPool pool) {
        return new ConnectionScopedPool(pool);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new BorrowingQuery<>(pool, client -> client.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new BorrowingPreparedQuery<>(pool, client -> client.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new BorrowingPreparedQuery<>(pool, client -> client.preparedQuery(sql, options));
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        pool.getConnection(handler);
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return pool.getConnection();
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        pool.close(handler);
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    /** A query that, each time it executes, borrows a connection, runs there and gives the connection back. */
    private record BorrowingQuery<T>(PgPool pool, Function<SqlClient, Query<T>> onConnection) implements Query<T> {

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return pool.withConnection(
                    connection -> onConnection.apply(connection).execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new BorrowingQuery<>(
                    pool, client -> onConnection.apply(client).collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new BorrowingQuery<>(
                    pool, client -> onConnection.apply(client).mapping(mapper));
        }
    }

    /** The prepared form of {@link BorrowingQuery}. */
    private record BorrowingPreparedQuery<T>(PgPool pool, Function<SqlClient, PreparedQuery<T>> onConnection)
            implements PreparedQuery<T> {

        @Override
        public void execute(Handler<AsyncResult<T>> handler) {
            execute().onComplete(handler);
        }

        @Override
        public Future<T> execute() {
            return pool.withConnection(
                    connection -> onConnection.apply(connection).execute());
        }

        @Override
        public void execute(Tuple tuple, Handler<AsyncResult<T>> handler) {
            execute(tuple).onComplete(handler);
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return pool.withConnection(
                    connection -> onConnection.apply(connection).execute(tuple));
        }

        @Override
        public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
            executeBatch(batch).onComplete(handler);
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return pool.withConnection(
                    connection -> onConnection.apply(connection).executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new BorrowingPreparedQuery<>(
                    pool, client -> onConnection.apply(client).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new BorrowingPreparedQuery<>(
                    pool, client -> onConnection.apply(client).mapping(mapper));
        }
    }
}
