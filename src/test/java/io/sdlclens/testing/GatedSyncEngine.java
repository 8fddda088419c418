package io.sdlclens.testing;

import io.sdlclens.sync.FileSyncEngine;
import io.sdlclens.sync.SyncEngine;
import io.sdlclens.sync.SyncJob;
import io.sdlclens.sync.SyncOutcome;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real engine, with a gate a test can close on one folder, repository URL or project: a run of that source waits at the
 * gate (as a long sync would) until the test opens it, while still honouring stop requests. Sources without a gate
 * sync at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class GatedSyncEngine implements SyncEngine {

    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    private final FileSyncEngine real;

    public GatedSyncEngine(FileSyncEngine real) {
        this.real = real;
    }

    private static final String PROJECT = "project:";

    /** @param source a local project's folder, or a repository project's {@code repo_url} */
    public static Gate close(String source) {
        Gate gate = new Gate();
        GATES.put(source, gate);
        return gate;
    }

    public static Gate closeProject(String slug) {
        return close(PROJECT + slug);
    }

    @Override
    public SyncOutcome run(SyncJob job) {
        String source = job.source().isRepository() ? job.source().repoUrl() : job.sdlcPath();
        Gate gate = GATES.get(PROJECT + job.slug());
        if (gate == null && source != null) {
            gate = GATES.get(source);
        }
        if (gate != null) {
            gate.reached.countDown();
            try {
                while (!gate.open.await(20, TimeUnit.MILLISECONDS)) {
                    job.checkpoint();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return real.run(job);
    }

    public static final class Gate implements AutoCloseable {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        /** Waits until a run is held at this gate. */
        public void awaitReached() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no run reached the gate");
            }
        }

        public void open() {
            open.countDown();
        }

        @Override
        public void close() {
            open();
            GATES.values().remove(this);
        }
    }
}
