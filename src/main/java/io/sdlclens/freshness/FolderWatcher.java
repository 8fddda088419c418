package io.sdlclens.freshness;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sdlclens.format.ProjectConfig;
import io.sdlclens.format.SourceWalker;
import io.sdlclens.project.SourcePathPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps local projects with {@code auto_sync} current: their folders are watched for changes (recursively, new
 * subfolders registered as they appear), a burst of changes is debounced into one sync request, and a project
 * that cannot be watched by events is rescanned every {@code rescan-every} instead.
 *
 * <p>Everything runs on one thread of its own: it waits for change events, and in between re-reads which
 * projects to watch, fires the debounced requests and runs the rescans. It never touches the event loop; sync
 * requests go through {@link FreshnessService#requestSync}, which runs on a Vert.x context of its own.
 *
 * <p>Which projects: re-read every {@code refresh-every} rather than driven by the project change
 * notifications. Those fire for every heartbeat of every run and are only received while the project cache
 * listens, whereas one small query is correct whatever happened (another replica's write, a lost notification,
 * a row changed by hand). A project starts with a catch-up sync when watching begins, which also covers a
 * change saved between enabling {@code auto_sync} and the next re-read.
 *
 * <p>Every replica watches the same folders, and one save may reach all of them: that is fine, because every
 * start goes through the lease's compare-and-set and requests during a run coalesce into one follow-up run.
 */
@ApplicationScoped
public class FolderWatcher {

    /** How a project this replica keeps current is watched. */
    enum Mode {
        /** change events from the file system */
        EVENTS,
        /** periodic rescans: events are not possible or not trusted for this folder */
        RESCAN
    }

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);
    private static final WatchEvent.Kind<?>[] KINDS = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};
    /** However long changes keep coming, a sync is requested at most this many quiet periods after the first. */
    private static final int MAX_QUIET_PERIODS = 10;

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 1000;
    private static final int MAX_KEYS_PER_ROUND = 256;
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A project this replica keeps current. */
    private static final class Watched {
        final long id;
        final String slug;
        final String sdlcPath;
        final Path root;
        /** the root folder's identity (inode) when watching began */
        final Object rootIdentity;

        final Set<WatchKey> keys = new HashSet<>();
        Mode mode = Mode.EVENTS;

        Watched(WatchRepository.WatchedRow row, Path root) {
            this.id = row.id();
            this.slug = row.slug();
            this.sdlcPath = row.sdlcPath();
            this.root = root;
            this.rootIdentity = FolderTree.identity(root);
        }
    }

    /** A watched folder; shared when projects overlap (the same folder registered twice, or nested). */
    private record Folder(Path path, Set<Long> projects) {}

    private final WatchRepository repository;
    private final FreshnessService freshness;
    private final SourcePathPolicy paths;
    private final WatchConfig config;

    // confined to the watch thread
    private final Map<Long, Watched> projects = new HashMap<>();
    private final Map<WatchKey, Folder> folders = new HashMap<>();
    private final Debounce<String> debounce;
    /** projects whose reason for not being watched by events was logged (once each) */
    private final Set<Long> told = new HashSet<>();

    // read by other threads
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final AtomicInteger watchedFolders = new AtomicInteger();
    private final Queue<String> retries = new ConcurrentLinkedQueue<>();
    private final Object sleeper = new Object();

    private volatile boolean running;
    private volatile WatchService service;
    private Thread thread;

    public FolderWatcher(
            WatchRepository repository,
            FreshnessService freshness,
            SourcePathPolicy paths,
            WatchConfig config,
            MeterRegistry registry) {
        this.repository = repository;
        this.freshness = freshness;
        this.paths = paths;
        this.config = config;
        long quiet = config.debounce().toNanos();
        this.debounce = new Debounce<>(quiet, quiet * MAX_QUIET_PERIODS);
        Gauge.builder("sdlc.lens.watch.folders", watchedFolders, AtomicInteger::get)
                .description("Folders this replica watches for changes")
                .register(registry);
        for (Mode mode : Mode.values()) {
            Gauge.builder("sdlc.lens.watch.projects", modes, all -> count(all, mode))
                    .description("Local auto-sync projects kept current by this replica, by how")
                    .tag("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            try {
                service = FileSystems.getDefault().newWatchService();
            } catch (IOException e) {
                LOG.infof(
                        "Folder watching is not available (%s): local auto-sync projects are rescanned every %s."
                                + " On Linux, raise fs.inotify.max_user_instances to watch them",
                        e.getMessage(), rescanEvery());
            }
        } else {
            LOG.infof(
                    "Folder watching is off (sdlc-lens.watch.enabled): local auto-sync projects are rescanned every %s",
                    rescanEvery());
        }
        running = true;
        thread = new Thread(this::run, "sdlc-lens-folder-watch");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        WatchService current = service;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debugf("Closing the folder watch service: %s", e.getMessage());
            }
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How this replica keeps the project current, or empty when it does not (for tests and operators). */
    Optional<Mode> mode(String slug) {
        return Optional.ofNullable(modes.get(slug));
    }

    /** The folders this replica watches. */
    int watchedFolders() {
        return watchedFolders.get();
    }

    private void run() {
        // a zero interval would spin this thread
        long refreshNanos = Math.max(config.refreshEvery().toNanos(), MIN_INTERVAL_NANOS);
        long rescanNanos = Math.max(config.rescanEvery().toNanos(), MIN_INTERVAL_NANOS);
        long nextRefresh = System.nanoTime();
        long nextRescan = nextRefresh + rescanNanos;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextRefresh >= 0) {
                    refresh();
                    nextRefresh = now + refreshNanos;
                    // requests that failed are asked again at this pace, not at every debounce
                    for (String slug = retries.poll(); slug != null; slug = retries.poll()) {
                        debounce.touch(slug, now);
                    }
                }
                if (now - nextRescan >= 0) {
                    rescan();
                    nextRescan = now + rescanNanos;
                }
                for (String slug : debounce.takeDue(now)) {
                    request(slug, "watch");
                }
                long wake = Math.min(nextRefresh, nextRescan);
                long due = debounce.nextDue().orElse(wake);
                wake = due - wake < 0 ? due : wake;
                // bounded, so that a folder written to without pause cannot starve the timers above
                int handled = 0;
                for (WatchKey key = await(wake - System.nanoTime());
                        key != null && handled < MAX_KEYS_PER_ROUND;
                        key = service.poll()) {
                    handle(key);
                    handled++;
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // a bug or an unexpected state: the loop must survive it, and must not spin on it
                LOG.warnf("Folder watching hit an unexpected failure and goes on: %s", e);
                pause();
            }
        }
        for (Watched project : new ArrayList<>(projects.values())) {
            drop(project);
        }
    }

    /** Waits up to {@code nanos} for a signalled key; null when the time passed (or nothing is watched). */
    private WatchKey await(long nanos) throws InterruptedException {
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
        WatchService current = service;
        if (current != null) {
            return current.poll(millis, TimeUnit.MILLISECONDS);
        }
        synchronized (sleeper) {
            if (running) {
                sleeper.wait(millis);
            }
        }
        return null;
    }

    // ---- which projects: the periodic re-read ----

    private void refresh() {
        List<WatchRepository.WatchedRow> rows;
        try {
            rows = repository.watched().await().atMost(QUERY_TIMEOUT);
        } catch (RuntimeException e) {
            // the database is away: keep watching what we watch, and read again next time
            LOG.debugf("Folder watching could not read the projects: %s", e.getMessage());
            return;
        }
        Map<Long, WatchRepository.WatchedRow> byId = new HashMap<>();
        for (WatchRepository.WatchedRow row : rows) {
            byId.put(row.id(), row);
        }
        for (Watched project : new ArrayList<>(projects.values())) {
            WatchRepository.WatchedRow row = byId.get(project.id);
            // deleted, auto_sync turned off, or another folder: stop (and start afresh on the new folder),
            // or a folder swapped in under the same path (a rename over it): its watches are on the old one
            if (row == null
                    || !row.sdlcPath().equals(project.sdlcPath)
                    || !java.util.Objects.equals(FolderTree.identity(project.root), project.rootIdentity)) {
                drop(project);
            }
        }
        told.retainAll(byId.keySet());
        for (WatchRepository.WatchedRow row : rows) {
            if (!projects.containsKey(row.id())) {
                add(row);
            }
        }
    }

    private void add(WatchRepository.WatchedRow row) {
        Optional<Path> root = paths.realDirectory(row.sdlcPath());
        if (root.isEmpty()) {
            // missing for now (an unmounted volume, a checkout being replaced): tried again at the next re-read
            return;
        }
        if (!paths.isAllowed(root.get())) {
            tellOnce(
                    row.id(),
                    "Project %s is not watched: its folder %s is outside the allowed roots"
                            + " (SDLC_LENS_ALLOWED_ROOTS)",
                    row.slug(),
                    root.get());
            return;
        }
        Watched project = new Watched(row, root.get());
        projects.put(project.id, project);
        if (service == null) {
            project.mode = Mode.RESCAN;
        } else {
            Optional<String> remote = FolderTree.remoteVolume(project.root);
            if (remote.isPresent()) {
                fallBack(
                        project,
                        "Project %s is rescanned every %s rather than watched: its folder is on a %s"
                                + " volume, where changes made from other machines raise no events",
                        project.slug,
                        rescanEvery(),
                        remote.get());
            } else {
                watchTree(project, project.root);
            }
        }
        modes.put(project.slug, project.mode);
        // catch up with whatever changed while nobody watched
        debounce.touch(project.slug, System.nanoTime());
    }

    private void drop(Watched project) {
        release(project);
        projects.remove(project.id);
        modes.remove(project.slug);
        debounce.forget(project.slug);
    }

    // ---- events ----

    private void handle(WatchKey key) {
        Folder folder = folders.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        if (folder == null) { // released while its events were queued
            key.cancel();
            return;
        }
        // taken now: a project that falls back to rescans below still gets the sync this change asks for
        List<Watched> affected = folder.projects().stream()
                .map(projects::get)
                .filter(project -> project != null && project.mode == Mode.EVENTS)
                .toList();
        boolean changed = false;
        for (WatchEvent<?> event : events) {
            if (event.kind() == OVERFLOW) {
                // events were lost: the sync reads everything; folders created meanwhile are registered now
                changed = true;
                forEachWatching(affected, project -> watchTree(project, project.root));
                continue;
            }
            String name = event.context().toString();
            Path child = folder.path().resolve(name);
            if (event.kind() == ENTRY_CREATE
                    && !SourceWalker.isSkippedDirectory(name)
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                forEachWatching(affected, project -> watchTree(project, child));
            } else if (event.kind() == ENTRY_DELETE) {
                // a folder moved out of the tree keeps its watch: stop it, or its events would pass for ours
                forEachWatching(affected, project -> unwatchTree(project, child));
            }
            changed |= matters(name);
        }
        if (!key.reset()) {
            // the folder is gone (or unmounted); a project whose root went is watched afresh when it is back
            forEachWatching(affected, project -> {
                project.keys.remove(key);
                if (project.root.equals(folder.path())) {
                    drop(project);
                }
            });
            folders.remove(key);
            watchedFolders.set(folders.size());
        }
        if (changed) {
            long now = System.nanoTime();
            for (Watched project : affected) {
                if (projects.get(project.id) == project) {
                    debounce.touch(project.slug, now);
                }
            }
        }
    }

    /** Whether a change to this name can change what a sync reads (an editor's hidden swap file cannot). */
    private static boolean matters(String name) {
        if (name.equals(ProjectConfig.CONFIG_FILE) || name.equals(ProjectConfig.VERSION_FILE)) {
            return true;
        }
        return !SourceWalker.isSkippedDirectory(name) && !name.equals("_index.md");
    }

    private void forEachWatching(List<Watched> affected, java.util.function.Consumer<Watched> action) {
        for (Watched project : affected) {
            if (project.mode == Mode.EVENTS && projects.get(project.id) == project) {
                action.accept(project);
            }
        }
    }

    /** Watches {@code top} and its folders for the project, or moves the project to rescans if that fails. */
    private void watchTree(Watched project, Path top) {
        boolean complete;
        try {
            complete = FolderTree.walk(top, directory -> watchFolder(project, directory));
        } catch (IOException e) {
            fallBack(
                    project,
                    "Project %s is rescanned every %s rather than watched: the system refused to"
                            + " watch more folders (%s). On Linux, raise fs.inotify.max_user_watches to watch it",
                    project.slug,
                    rescanEvery(),
                    e.getMessage());
            return;
        }
        if (!complete) {
            fallBack(
                    project,
                    "Project %s is rescanned every %s rather than watched: watching it would pass the"
                            + " bound of %d folders (SDLC_LENS_WATCH_MAX_FOLDERS). Raise it, and on Linux"
                            + " fs.inotify.max_user_watches, to watch it",
                    project.slug,
                    rescanEvery(),
                    config.maxFolders());
            return;
        }
        watchedFolders.set(folders.size());
    }

    /** @return false when the folder would pass the bound */
    private boolean watchFolder(Watched project, Path directory) throws IOException {
        WatchKey key;
        try {
            key = directory.register(service, KINDS);
        } catch (NoSuchFileException e) {
            return true; // deleted since it was listed: nothing to watch there
        }
        Folder folder = folders.get(key);
        if (folder == null) {
            if (folders.size() >= config.maxFolders()) {
                key.cancel(); // a new registration: nobody else uses it
                return false;
            }
            folder = new Folder(directory, new HashSet<>());
            folders.put(key, folder);
        }
        folder.projects().add(project.id);
        project.keys.add(key);
        return true;
    }

    /** Stops watching {@code top} and the folders under it for the project (other projects keep theirs). */
    private void unwatchTree(Watched project, Path top) {
        for (WatchKey key : List.copyOf(project.keys)) {
            Folder folder = folders.get(key);
            if (folder != null && folder.path().startsWith(top)) {
                project.keys.remove(key);
                releaseKey(project, key, folder);
            }
        }
        watchedFolders.set(folders.size());
    }

    private void fallBack(Watched project, String format, Object... args) {
        release(project);
        project.mode = Mode.RESCAN;
        modes.put(project.slug, Mode.RESCAN);
        tellOnce(project.id, format, args);
    }

    private void release(Watched project) {
        for (WatchKey key : project.keys) {
            Folder folder = folders.get(key);
            if (folder != null) {
                releaseKey(project, key, folder);
            }
        }
        project.keys.clear();
        watchedFolders.set(folders.size());
    }

    private void releaseKey(Watched project, WatchKey key, Folder folder) {
        folder.projects().remove(project.id);
        if (folder.projects().isEmpty()) {
            folders.remove(key);
            key.cancel();
        }
    }

    // ---- requests ----

    private void rescan() {
        List<Long> ids = projects.values().stream()
                .filter(project -> project.mode == Mode.RESCAN)
                .map(project -> project.id)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        List<String> due;
        try {
            due = repository
                    .rescanDue(ids, config.rescanEvery().dividedBy(2))
                    .await()
                    .atMost(QUERY_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("Folder rescan could not read the projects: %s", e.getMessage());
            return;
        }
        for (String slug : due) {
            request(slug, "rescan");
        }
    }

    private void request(String slug, String reason) {
        freshness.requestSync(slug, reason).subscribe().with(outcome -> {}, failure -> {
            // the database is away, say: ask again a little later rather than lose the change
            LOG.debugf("Sync request (%s) for project %s failed, asking again: %s", reason, slug, failure);
            if (running) {
                retries.add(slug);
            }
        });
    }

    private void tellOnce(long projectId, String format, Object... args) {
        if (told.add(projectId)) {
            LOG.infof(format, args);
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The rescan interval as the settings write it ({@code 5m}, {@code 30s}), for log lines. */
    private String rescanEvery() {
        Duration every = config.rescanEvery();
        if (every.toSeconds() >= 60 && every.toSeconds() % 60 == 0) {
            return every.toMinutes() + "m";
        }
        return every.toMillis() % 1000 == 0 ? every.toSeconds() + "s" : every.toMillis() + "ms";
    }

    private static double count(Map<String, Mode> all, Mode mode) {
        return all.values().stream().filter(mode::equals).count();
    }
}
