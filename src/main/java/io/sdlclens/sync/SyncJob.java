package io.sdlclens.sync;

import io.sdlclens.project.Project;
import java.util.UUID;

/** One run as its engine sees it: which project and source, which lease, and whether it may go on. */
public final class SyncJob {

    /**
     * Where the project's documents are, as the trigger read the project. Credentials are not here: the source
     * reads them itself when it needs them, so they never travel with a job.
     *
     * @param type {@code local}, {@code git} or {@code github}
     */
    public record Source(String type, String sdlcPath, String repoUrl, String repoBranch, String repoPath) {

        public static Source of(Project project) {
            return new Source(
                    project.sourceType, project.sdlcPath, project.repoUrl, project.repoBranch, project.repoPath);
        }

        /** A folder on this machine. */
        public static Source folder(String sdlcPath) {
            return new Source(Project.SOURCE_TYPE_LOCAL, sdlcPath, null, null, null);
        }

        public boolean isRepository() {
            return Project.SOURCE_TYPE_GIT.equals(type) || Project.SOURCE_TYPE_GITHUB.equals(type);
        }
    }

    private final long projectId;
    private final String slug;
    private final UUID runId;
    private final Source source;
    private volatile String stopReason;

    public SyncJob(long projectId, String slug, UUID runId, Source source) {
        this.projectId = projectId;
        this.slug = slug;
        this.runId = runId;
        this.source = source;
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

    public Source source() {
        return source;
    }

    /** The folder of a local project; null for a repository. */
    public String sdlcPath() {
        return source.sdlcPath();
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
