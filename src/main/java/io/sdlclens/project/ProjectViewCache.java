package io.sdlclens.project;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sdlclens.system.BoundedPoolCreator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Project reads served from memory between changes, so that polling a project costs no database round trip.
 *
 * <p>Every commit that changes a project or a sync run notifies {@value #CHANNEL} (triggers of migration V3), and
 * each replica LISTENs on a connection of its own: any notification, from any replica, drops every entry. The
 * cache serves only while that connection is listening. When it drops, notifications may be missed, so reads go
 * to the database until it listens again, and it starts empty then. Writers of this replica also drop the
 * entries themselves as soon as their change has committed, so a client never reads its own write's old state
 * here; another replica shows it once the notification arrives (within milliseconds). An entry is also re-read
 * after {@code max-age}, a bound on staleness should a notification ever be lost on a half-open connection.
 *
 * <p>A read that started before a change may finish after it with the old state: every drop moves an epoch
 * forward, and a read keeps its result only if the epoch it started in is still current.
 */
@ApplicationScoped
public class ProjectViewCache {

    static final String CHANNEL = "sdlc_lens_project_change";
    private static final Logger LOG = Logger.getLogger(ProjectViewCache.class);
    private static final long RETRY_MILLIS = 1000;
    /** The {@code clientName} tag of the LISTEN connection's client metrics. */
    static final String LISTENER_CLIENT_NAME = "project-cache-listener";

    private record Entry<T>(T value, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    private final Map<String, Entry<ProjectView>> bySlug = new ConcurrentHashMap<>();
    private volatile Entry<List<ProjectView>> all;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile PgConnection connection;
    /** The one-connection pool the LISTEN connection comes from: created once, closed at shutdown. */
    private volatile Pool listenerPool;

    private final boolean enabled;
    private final long maxAgeNanos;
    private final BoundedPoolCreator pools;
    private final Vertx vertx;

    public ProjectViewCache(ProjectsConfig config, BoundedPoolCreator pools, Vertx vertx) {
        this.enabled = config.projectCache().enabled();
        this.maxAgeNanos = config.projectCache().maxAge().toNanos();
        this.pools = pools;
        this.vertx = vertx;
    }

    /** One project: from memory when a current entry exists, else {@code read} (a null result is not kept). */
    public Uni<ProjectView> project(String slug, Supplier<Uni<ProjectView>> read) {
        Entry<ProjectView> entry = listening ? bySlug.get(slug) : null;
        if (entry != null && entry.fresh()) {
            return Uni.createFrom().item(entry.value());
        }
        long seen = epoch.get();
        return read.get().invoke(view -> {
            if (view != null && keepable(seen)) {
                Entry<ProjectView> kept = new Entry<>(view, System.nanoTime() + maxAgeNanos);
                bySlug.put(slug, kept);
                if (epoch.get() != seen) {
                    bySlug.remove(slug, kept); // dropped while being stored
                }
            }
        });
    }

    /** Every project, the same way. */
    public Uni<List<ProjectView>> all(Supplier<Uni<List<ProjectView>>> read) {
        Entry<List<ProjectView>> entry = listening ? all : null;
        if (entry != null && entry.fresh()) {
            return Uni.createFrom().item(entry.value());
        }
        long seen = epoch.get();
        return read.get().map(List::copyOf).invoke(views -> {
            if (keepable(seen)) {
                Entry<List<ProjectView>> kept = new Entry<>(views, System.nanoTime() + maxAgeNanos);
                all = kept;
                if (epoch.get() != seen && all == kept) {
                    all = null;
                }
            }
        });
    }

    /** Drops every entry; called for each notification and by this replica's writers after they commit. */
    public void invalidate() {
        epoch.incrementAndGet();
        bySlug.clear();
        all = null;
    }

    /** True while entries may be served: the change notifications are being received. */
    public boolean listening() {
        return listening;
    }

    private boolean keepable(long seen) {
        return listening && epoch.get() == seen;
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            listen();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        listening = false;
        PgConnection current = connection;
        if (current != null) {
            current.close();
        }
        Pool pool = listenerPool;
        if (pool != null) {
            pool.close();
        }
    }

    private void listen() {
        if (stopped) {
            return;
        }
        Optional<PgConnectOptions> options = pools.connectOptions();
        if (options.isEmpty()) { // the pool is not created yet
            retryLater();
            return;
        }
        listenerPool(options.get())
                .getConnection()
                .map(PgConnection::cast)
                .onSuccess(conn -> {
                    connection = conn;
                    conn.notificationHandler(notification -> invalidate());
                    conn.closeHandler(closed -> lost(conn));
                    conn.query("LISTEN " + CHANNEL)
                            .execute()
                            .onSuccess(done -> {
                                invalidate(); // whatever happened while nobody listened
                                listening = true;
                                LOG.debug("Project cache: listening for changes");
                            })
                            .onFailure(failure -> conn.close());
                })
                .onFailure(failure -> retryLater());
    }

    /**
     * A pool of one connection rather than {@code PgConnection.connect} per attempt: each {@code connect} makes a
     * connection factory of its own, and when the attempt fails (the database is away, so the retries pile up)
     * nothing ever closes it. Vert.x then closes the forgotten factory from its finalizer, long after the Vert.x
     * instance is gone: netty's ERROR "Failed to submit a listener notification task. Event loop shut down?" from
     * the Finalizer thread. The pool keeps one factory for every reconnection, and {@link #stop} closes it.
     */
    private Pool listenerPool(PgConnectOptions options) {
        Pool pool = listenerPool;
        if (pool == null) {
            pool = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(1).setName(LISTENER_CLIENT_NAME))
                    .connectingTo(listenerOptions(options))
                    .using(vertx)
                    .build();
            listenerPool = pool;
            if (stopped) { // stop() ran while this was being built
                pool.close();
            }
        }
        return pool;
    }

    /**
     * The pool's options under a client name of their own: the Vert.x client metrics are keyed by that name, and a
     * second client under the pool's name would collide with the pool's gauges (Micrometer keeps the first and
     * warns) and add this connection's LISTEN to the pool's request counts.
     */
    static PgConnectOptions listenerOptions(PgConnectOptions poolOptions) {
        String poolName = poolOptions.getMetricsName();
        int bar = poolName == null ? -1 : poolName.indexOf('|');
        String prefix = bar < 0 ? "" : poolName.substring(0, bar + 1); // "postgresql|": the meters' name prefix
        return poolOptions.setTcpKeepAlive(true).setMetricsName(prefix + LISTENER_CLIENT_NAME);
    }

    private void lost(PgConnection conn) {
        if (connection != conn) {
            return;
        }
        connection = null;
        listening = false;
        invalidate();
        if (!stopped) {
            LOG.info("Project cache: change notifications lost; project reads go to the database until they resume");
            retryLater();
        }
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(RETRY_MILLIS, timer -> listen());
        }
    }
}
