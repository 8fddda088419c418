package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A one-shot pool query that fails because the database refuses connections completes once, and nothing fires
 * after it: no "Result is already complete" reaches Vert.x when the acquire timeout elapses.
 */
class ConnectionScopedPoolTest {

    private static final long ACQUIRE_TIMEOUT_MILLIS = 300;

    private Vertx vertx;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(uncaught::add);
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aQueryRefusedAConnectionFailsOnceAndLeavesNoTimerBehind() throws Exception {
        PgPool pool = refusingPool();
        AtomicInteger completions = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();

        for (Future<?> query : List.of(
                pool.query("SELECT 1").execute(),
                pool.preparedQuery("SELECT $1::int").execute(Tuple.of(1)),
                pool.preparedQuery("SELECT $1::int").executeBatch(List.of(Tuple.of(1))),
                pool.preparedQuery("SELECT 1").mapping(row -> row.getInteger(0)).execute())) {
            query.onComplete(result -> {
                completions.incrementAndGet();
                failures.add(result.cause());
            });
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> completions.get() == 4);
        // refused, or timed out waiting behind the refused ones: failed either way
        assertThat(failures).doesNotContainNull();
        // past the acquire timeout, when the stray timer would have fired
        await().during(Duration.ofMillis(3 * ACQUIRE_TIMEOUT_MILLIS))
                .atMost(Duration.ofSeconds(5))
                .until(() -> completions.get() == 4);
        assertThat(uncaught).as("exceptions reported to Vert.x as uncaught").isEmpty();
    }

    /** A pool like the service's, on a port where nothing listens. */
    @SuppressWarnings("deprecation")
    private PgPool refusingPool() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PgConnectOptions connect = new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setDatabase("none")
                .setUser("none")
                .setPassword("none")
                .setConnectTimeout(1000);
        PoolOptions options = new PoolOptions()
                .setMaxSize(2)
                .setConnectionTimeout((int) ACQUIRE_TIMEOUT_MILLIS)
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        return ConnectionScopedPool.of(PgPool.pool(vertx, connect, options));
    }
}
