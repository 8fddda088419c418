package io.sdlclens.sync;

import java.util.UUID;

/** One run as its engine sees it: which project, which lease, and whether it may go on. */
public final class SyncJob {

    private final long projectId;
    private final String slug;
    private final UUID runId;
    private final String sdlcPath;
    private volatile String stopReason;

    public SyncJob(long projectId, String slug, UUID runId, String sdlcPath) {
        this.projectId = projectId;
        this.slug = slug;
        this.runId = runId;
        this.sdlcPath = sdlcPath;
    }

    public long projectId() {
        return projectId;
    }

    public String slug() {
        return slug;
    }

    public UUID runId() {
        return runId;
    }

    public String sdlcPath() {
        return sdlcPath;
    }

    /** Asks the run to stop at its next checkpoint; the first reason given wins. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean isStopped() {
        return stopReason != null;
    }

    public String stopReason() {
        return stopReason;
    }

    /** @throws Stopped when the run has been asked to stop */
    public void checkpoint() {
        if (stopReason != null) {
            throw new Stopped(stopReason);
        }
    }

    /** Unwinds a run that must stop; carries the reason it was stopped for. */
    public static final class Stopped extends RuntimeException {
        public Stopped(String reason) {
            super(reason, null, false, false);
        }
    }
}
