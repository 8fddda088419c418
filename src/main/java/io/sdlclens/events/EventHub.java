package io.sdlclens.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.sdlclens.error.ApiException;
import io.sdlclens.error.DatabaseFailures;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.project.ProjectChanges;
import io.sdlclens.project.ProjectViewRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The replica's event streams, fed by the project change notifications ({@link ProjectChanges}), so a client sees
 * the changes of every replica. Each change is read from the database once, rendered once, and offered to every
 * client that wants it; changes of one project that arrive while its read is running are folded into one more
 * read (a burst of batch commits costs a few reads, not one per commit per client).
 *
 * <p>Each client has a bounded queue in front of its connection: a client whose queue is full (a stalled reader,
 * a proxy that buffers) is dropped and its connection closed, so it never costs more than {@code client-queue}
 * events of memory. Events are hints: a client that reconnects reads the current state with GET.
 */
@ApplicationScoped
public class EventHub implements ProjectChanges.Subscriber {

    static final String PROJECT = "project";
    static final String PROJECT_DELETED = "project-deleted";
    static final String SYNC_PROGRESS = "sync-progress";

    private static final Logger LOG = Logger.getLogger(EventHub.class);
    /** The first frame of every stream: tells the client (and any proxy) that the stream is open. */
    private static final StreamEvent OPENED = StreamEvent.comment("connected");

    private static final StreamEvent HEARTBEAT = StreamEvent.comment("keep-alive");
    /** A stream that was admitted but never subscribed (its client left at once) gives its place back. */
    private static final long UNSUBSCRIBED_EXPIRY_MILLIS = 30_000;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<String, Pending> pending = new HashMap<>(); // guarded by itself
    private final Counter droppedSlow;
    private final AtomicInteger deepestQueue = new AtomicInteger();

    private final int maxStreams;
    private final int clientQueue;
    private final ProjectViewRepository views;
    private final SyncProgressRepository progress;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long heartbeatTimer;

    public EventHub(
            EventsConfig config,
            ProjectChanges changes,
            ProjectViewRepository views,
            SyncProgressRepository progress,
            ObjectMapper json,
            Vertx vertx,
            MeterRegistry registry) {
        this.maxStreams = config.maxStreams();
        this.clientQueue = Math.max(1, config.clientQueue());
        this.views = views;
        this.progress = progress;
        this.json = json;
        this.vertx = vertx;
        this.droppedSlow = Counter.builder("sdlc.lens.events.dropped.clients")
                .description("Event stream clients dropped because they fell client-queue events behind")
                .register(registry);
        Gauge.builder("sdlc.lens.events.streams", clients, Set::size)
                .description("Event streams open on this replica")
                .register(registry);
        this.heartbeatTimer = vertx.setPeriodic(Math.max(1, config.heartbeat().toMillis()), id -> offerAll(HEARTBEAT));
        changes.subscribe(this);
    }

    /**
     * Streams end as shutdown begins: an open stream is a request in flight, and the graceful shutdown would wait
     * its whole timeout for it. The clients reconnect, to another replica.
     */
    void endStreams(@Observes ShutdownDelayInitiatedEvent event) {
        List.copyOf(clients).forEach(Client::end);
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(heartbeatTimer);
        List.copyOf(clients).forEach(Client::end);
    }

    /**
     * A new stream, narrowed to one project when {@code project} is not null.
     *
     * @param closeConnection closes the client's connection; used when the client is dropped
     * @throws ApiException 503 when {@code max-streams} streams are open
     */
    public Multi<StreamEvent> open(String project, Runnable closeConnection) {
        if (admitted.incrementAndGet() > maxStreams) {
            admitted.decrementAndGet();
            throw new ApiException(
                            503,
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "Too many open event streams (" + maxStreams + " on this replica): try again shortly, or"
                                    + " raise SDLC_LENS_EVENTS_MAX_STREAMS")
                    .withHeader("Retry-After", "5");
        }
        AtomicBoolean claimed = new AtomicBoolean();
        long expiry = vertx.setTimer(UNSUBSCRIBED_EXPIRY_MILLIS, id -> {
            if (claimed.compareAndSet(false, true)) {
                admitted.decrementAndGet();
            }
        });
        return Multi.createFrom()
                .emitter(
                        emitter -> {
                            vertx.cancelTimer(expiry);
                            if (!claimed.compareAndSet(false, true)) {
                                emitter.complete(); // its place was given back already
                                return;
                            }
                            Client client = new Client(emitter, project, Vertx.currentContext(), closeConnection);
                            clients.add(client);
                            emitter.onTermination(() -> release(client));
                            emitter.onRequest(n -> client.drain());
                            client.offer(OPENED);
                        },
                        // the client's own queue holds what the connection cannot take yet; emitting beyond the
                        // demand would be a bug, and fails loudly
                        BackPressureStrategy.ERROR);
    }

    /** Streams open on this replica. */
    public int openStreams() {
        return clients.size();
    }

    /** Clients dropped so far because they fell too far behind. */
    public long droppedClients() {
        return (long) droppedSlow.count();
    }

    /** The most events any client has had waiting at once (never more than {@code client-queue}). */
    public int deepestQueue() {
        return deepestQueue.get();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Changes: one read per project at a time, later changes folded into the next read

    @Override
    public void changed(ProjectChanges.Change change) {
        String slug = change.slug();
        ProjectChanges.Kind kind = change.kind();
        // heartbeats and resets tell a client nothing it must act on
        boolean relevant = kind == ProjectChanges.Kind.PROJECT
                || kind == ProjectChanges.Kind.PROJECT_DELETED
                || kind == ProjectChanges.Kind.RUN;
        if (!relevant || slug == null || !wanted(slug)) {
            return;
        }
        synchronized (pending) {
            Pending work = pending.computeIfAbsent(slug, s -> new Pending());
            if (kind == ProjectChanges.Kind.PROJECT_DELETED) {
                work.deleted = true;
            } else {
                work.project = true; // a run's change shows in the project's last_sync too
                if (kind == ProjectChanges.Kind.RUN) {
                    work.runs.add(change.runId());
                }
            }
        }
        next(slug);
    }

    private static final class Pending {
        boolean running;
        boolean deleted;
        boolean project;
        final Set<UUID> runs = new LinkedHashSet<>();

        boolean idle() {
            return !deleted && !project && runs.isEmpty();
        }
    }

    private void next(String slug) {
        boolean deleted;
        boolean project;
        List<UUID> runs;
        synchronized (pending) {
            Pending work = pending.get(slug);
            if (work == null || work.running) {
                return;
            }
            if (work.idle()) {
                pending.remove(slug);
                return;
            }
            work.running = true;
            deleted = work.deleted;
            project = work.project;
            runs = new ArrayList<>(work.runs);
            work.deleted = false;
            work.project = false;
            work.runs.clear();
        }
        // A deletion first: the reads after it find the project only if it was created again.
        if (deleted) {
            publish(slug, StreamEvent.of(PROJECT_DELETED, render(Map.of("slug", slug))));
        }
        Uni<Void> reads = Uni.createFrom().voidItem();
        for (UUID runId : runs) {
            reads = reads.chain(() -> progress.byRun(runId).invoke(run -> {
                        if (run != null) {
                            publish(slug, StreamEvent.of(SYNC_PROGRESS, render(run)));
                        }
                    }))
                    .replaceWithVoid();
        }
        if (project) {
            reads = reads.chain(() -> views.bySlug(slug).invoke(view -> {
                        if (view != null) {
                            publish(slug, StreamEvent.of(PROJECT, render(view)));
                        }
                    }))
                    .replaceWithVoid();
        }
        reads.subscribe().with(done -> finished(slug), failure -> {
            if (DatabaseFailures.isUnavailable(failure)) {
                LOG.debugf("Event stream: project %s could not be read: %s", slug, failure);
            } else {
                LOG.errorf(failure, "Event stream: project %s could not be read", slug);
            }
            finished(slug);
        });
    }

    private void finished(String slug) {
        synchronized (pending) {
            Pending work = pending.get(slug);
            if (work != null) {
                work.running = false;
            }
        }
        next(slug);
    }

    private boolean wanted(String slug) {
        for (Client client : clients) {
            if (client.wants(slug)) {
                return true;
            }
        }
        return false;
    }

    private void publish(String slug, StreamEvent event) {
        for (Client client : clients) {
            if (client.wants(slug)) {
                client.offer(event);
            }
        }
    }

    private void offerAll(StreamEvent event) {
        for (Client client : clients) {
            client.offer(event);
        }
    }

    private String render(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "not serialisable: " + data.getClass().getName(), e);
        }
    }

    private void release(Client client) {
        if (clients.remove(client)) {
            admitted.decrementAndGet();
        }
    }

    private void dropped(Client client) {
        if (clients.contains(client)) {
            droppedSlow.increment();
            LOG.debugf("Event stream: dropped a client %d events behind", clientQueue);
        }
        release(client);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One stream: its bounded queue, drained into the connection as fast as the connection takes it. */
    private final class Client {
        private final MultiEmitter<? super StreamEvent> emitter;
        private final String project;
        private final Context context;
        private final Runnable closeConnection;
        private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
        private boolean scheduled;
        private boolean draining;
        private boolean over;

        Client(MultiEmitter<? super StreamEvent> emitter, String project, Context context, Runnable closeConnection) {
            this.emitter = emitter;
            this.project = project;
            this.context = context;
            this.closeConnection = closeConnection;
        }

        boolean wants(String slug) {
            return project == null || project.equals(slug);
        }

        /** Queues an event; from any thread. A full queue drops the client. */
        void offer(StreamEvent event) {
            synchronized (this) {
                if (over) {
                    return;
                }
                if (queue.size() >= clientQueue) {
                    over = true;
                    queue.clear();
                } else {
                    queue.add(event);
                    deepestQueue.accumulateAndGet(queue.size(), Math::max);
                    if (scheduled) {
                        return;
                    }
                    scheduled = true;
                }
            }
            if (over) {
                dropped(this);
                onContext(closeConnection);
            } else {
                onContext(() -> {
                    synchronized (this) {
                        scheduled = false;
                    }
                    drain();
                });
            }
        }

        /** Hands queued events to the stream while it asks for more; re-entrant calls leave it to the outer one. */
        void drain() {
            synchronized (this) {
                if (draining) {
                    return;
                }
                draining = true;
            }
            while (true) {
                StreamEvent next;
                synchronized (this) {
                    if (over || queue.isEmpty() || emitter.requested() <= 0) {
                        draining = false;
                        return;
                    }
                    next = queue.poll();
                }
                emitter.emit(next);
            }
        }

        /** Ends the stream (shutdown). */
        void end() {
            synchronized (this) {
                over = true;
                queue.clear();
            }
            onContext(emitter::complete);
        }

        private void onContext(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
