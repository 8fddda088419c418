package io.sdlclens.project;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Project reads served from memory between changes, so that polling a project costs no database round trip.
 *
 * <p>Every commit that changes a project or a sync run notifies the replicas ({@link ProjectChanges}): any
 * notification, from any replica, drops every entry. The cache serves only while notifications are being
 * received. When they stop, some may be missed, so reads go to the database until they resume, and it starts
 * empty then. Writers of this replica also drop the
 * entries themselves as soon as their change has committed, so a client never reads its own write's old state
 * here; another replica shows it once the notification arrives (within milliseconds). An entry is also re-read
 * after {@code max-age}, a bound on staleness should a notification ever be lost on a half-open connection.
 *
 * <p>A read that started before a change may finish after it with the old state: every drop moves an epoch
 * forward, and a read keeps its result only if the epoch it started in is still current.
 */
@ApplicationScoped
public class ProjectViewCache implements ProjectChanges.Subscriber {

    private record Entry<T>(T value, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }

    /** One project's view with its JSON, serialised once: a poll then costs neither a query nor serialisation. */
    private static final class ProjectEntry {
        final ProjectView view;
        final long expiresAtNanos;
        private volatile byte[] json;

        ProjectEntry(ProjectView view, long expiresAtNanos, byte[] json) {
            this.view = view;
            this.expiresAtNanos = expiresAtNanos;
            this.json = json;
        }

        boolean fresh() {
            return System.nanoTime() - expiresAtNanos < 0;
        }

        byte[] json(Function<ProjectView, byte[]> serialise) {
            byte[] bytes = json;
            if (bytes == null) {
                bytes = serialise.apply(view); // a race serialises twice, to the same bytes
                json = bytes;
            }
            return bytes;
        }
    }

    private final Map<String, ProjectEntry> bySlug = new ConcurrentHashMap<>();
    private volatile Entry<List<ProjectView>> all;
    private final AtomicLong epoch = new AtomicLong();

    private final boolean enabled;
    private final long maxAgeNanos;
    private final ProjectChanges changes;

    public ProjectViewCache(ProjectsConfig config, ProjectChanges changes) {
        this.enabled = config.projectCache().enabled();
        this.maxAgeNanos = config.projectCache().maxAge().toNanos();
        this.changes = changes;
        changes.subscribe(this);
    }

    /** One project: from memory when a current entry exists, else {@code read} (a null result is not kept). */
    public Uni<ProjectView> project(String slug, Supplier<Uni<ProjectView>> read) {
        ProjectEntry entry = current(slug);
        if (entry != null) {
            return Uni.createFrom().item(entry.view);
        }
        long seen = epoch.get();
        return read.get().invoke(view -> keep(slug, view, null, seen));
    }

    /**
     * One project's JSON ({@code serialise} of its view): the bytes kept with the entry, so they are dropped
     * exactly when the view is; null when there is no such project.
     */
    public Uni<byte[]> projectJson(
            String slug, Supplier<Uni<ProjectView>> read, Function<ProjectView, byte[]> serialise) {
        ProjectEntry entry = current(slug);
        if (entry != null) {
            return Uni.createFrom().item(entry.json(serialise));
        }
        long seen = epoch.get();
        return read.get().map(view -> {
            if (view == null) {
                return null;
            }
            byte[] json = serialise.apply(view);
            keep(slug, view, json, seen);
            return json;
        });
    }

    private ProjectEntry current(String slug) {
        ProjectEntry entry = listening() ? bySlug.get(slug) : null;
        return entry != null && entry.fresh() ? entry : null;
    }

    private void keep(String slug, ProjectView view, byte[] json, long seen) {
        if (view != null && keepable(seen)) {
            ProjectEntry kept = new ProjectEntry(view, System.nanoTime() + maxAgeNanos, json);
            bySlug.put(slug, kept);
            if (epoch.get() != seen) {
                bySlug.remove(slug, kept); // dropped while being stored
            }
        }
    }

    /** Every project, the same way. */
    public Uni<List<ProjectView>> all(Supplier<Uni<List<ProjectView>>> read) {
        Entry<List<ProjectView>> entry = listening() ? all : null;
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
        return enabled && changes.listening();
    }

    private boolean keepable(long seen) {
        return listening() && epoch.get() == seen;
    }

    @Override
    public void changed(ProjectChanges.Change change) {
        invalidate();
    }

    @Override
    public void lost() {
        invalidate();
    }

    @Override
    public void resumed() {
        invalidate();
    }
}
