package io.sdlclens.system;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Creates the reactive pool with bounded connect and acquire timeouts. The client defaults (60 s to connect,
 * 30 s to wait for a connection) would make every request hang while the database is away; bounded, a request
 * fails fast with 503 and the pool reconnects as soon as the database is back.
 */
@Singleton
public class BoundedPoolCreator implements PgPoolCreator {

    private final DatabaseConfig config;
    private volatile PgConnectOptions connectOptions;

    public BoundedPoolCreator(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("deprecation") // Quarkus expects a PgPool from a PgPoolCreator
    public Pool create(Input input) {
        int connectMillis = (int) Math.max(1, config.connectTimeout().toMillis());
        String idleMillis =
                Long.toString(Math.max(1, config.idleInTransactionTimeout().toMillis()));
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout(connectMillis);
            // a server setting sent with the connection's startup packet, so it holds for every session
            options.addProperty("idle_in_transaction_session_timeout", idleMillis);
            if (config.keepStatements()) {
                options.setCachePreparedStatements(true).setPreparedStatementCacheSqlFilter(KeptStatements::isKept);
            }
        }
        connectOptions = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        input.poolOptions()
                .setConnectionTimeout((int) Math.max(1, config.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        // one-shot queries borrow a connection: see ConnectionScopedPool for the timer they would leave behind
        return ConnectionScopedPool.of(PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions()));
    }

    /**
     * A copy of the options the pool connects with, for a connection of its own (a LISTEN); empty until the pool
     * exists.
     */
    public Optional<PgConnectOptions> connectOptions() {
        PgConnectOptions options = connectOptions;
        return options == null ? Optional.empty() : Optional.of(new PgConnectOptions(options));
    }
}
