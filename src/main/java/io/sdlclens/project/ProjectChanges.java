package io.sdlclens.project;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sdlclens.system.BoundedPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The replica's one LISTEN connection for {@value #CHANNEL}: every commit that changes a project or a sync run
 * notifies it (triggers of migrations V3 and V10), from whichever replica made the change. Whoever needs to know
 * (the project read cache, the event stream) subscribes here, so a replica holds one such connection however
 * many of them there are.
 *
 * <p>While the connection is down, notifications may be missed: subscribers hear {@link Subscriber#lost()} when
 * it drops and {@link Subscriber#resumed()} once it listens again, before {@link #listening()} turns true.
 */
@ApplicationScoped
public class ProjectChanges {

    static final String CHANNEL = "sdlc_lens_project_change";
    /** The {@code clientName} tag of the LISTEN connection's client metrics. */
    static final String LISTENER_CLIENT_NAME = "project-change-listener";

    private static final Logger LOG = Logger.getLogger(ProjectChanges.class);
    private static final long RETRY_MILLIS = 1000;

    /** What one notification says; {@code slug} and {@code runId} are null where the kind has none. */
    public record Change(Kind kind, String slug, UUID runId) {}

    public enum Kind {
        /** A project row was inserted or updated. */
        PROJECT,
        /** A project row was deleted. */
        PROJECT_DELETED,
        /** A sync run was inserted or its counts, status or total changed. */
        RUN,
        /** Only a heartbeat moved. */
        HEARTBEAT,
        /** Anything may have changed (a truncate; runs deleted with their project; a payload not understood). */
        RESET
    }

    /** Called on the connection's event loop: must not block. */
    public interface Subscriber {
        void changed(Change change);

        default void lost() {}

        default void resumed() {}
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final BoundedPoolCreator pools;
    private final Vertx vertx;
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile PgConnection connection;
    /** The one-connection pool the LISTEN connection comes from: created once, closed at shutdown. */
    private volatile Pool listenerPool;

    public ProjectChanges(BoundedPoolCreator pools, Vertx vertx) {
        this.pools = pools;
        this.vertx = vertx;
    }

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    /** True while notifications are being received. */
    public boolean listening() {
        return listening;
    }

    void start(@Observes StartupEvent event) {
        listen();
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

    /** The payload as the V10 trigger writes it; anything else (V3's empty payload) is a reset. */
    static Change parse(String payload) {
        try {
            JsonObject json = new JsonObject(payload);
            Kind kind = switch (json.getString("kind", "")) {
                case "project" -> Kind.PROJECT;
                case "project-deleted" -> Kind.PROJECT_DELETED;
                case "run" -> Kind.RUN;
                case "heartbeat" -> Kind.HEARTBEAT;
                default -> Kind.RESET;
            };
            String runId = json.getString("run_id");
            return new Change(kind, json.getString("slug"), runId == null ? null : UUID.fromString(runId));
        } catch (RuntimeException notOurs) {
            return new Change(Kind.RESET, null, null);
        }
    }

    private void dispatch(String payload) {
        Change change = parse(payload);
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.changed(change);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A subscriber of project changes failed on %s", change);
            }
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
                    conn.notificationHandler(notification -> dispatch(notification.getPayload()));
                    conn.closeHandler(closed -> lost(conn));
                    conn.query("LISTEN " + CHANNEL)
                            .execute()
                            .onSuccess(done -> {
                                subscribers.forEach(Subscriber::resumed); // whatever happened while nobody listened
                                listening = true;
                                LOG.debug("Listening for project changes");
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
        subscribers.forEach(Subscriber::lost);
        if (!stopped) {
            LOG.info("Project change notifications lost; cached project reads are off and event streams quiet"
                    + " until they resume");
            retryLater();
        }
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(RETRY_MILLIS, timer -> listen());
        }
    }
}
