package io.sdlclens.sync;

/**
 * The work of one sync run: read the project's folder and bring the stored documents in line with it. Called on
 * a worker thread, where blocking is allowed; it checks {@link SyncJob#checkpoint()} between units of work so
 * that a run that lost its lease or is being shut down stops promptly.
 */
public interface SyncEngine {

    /**
     * @return how the run ended; a path that is gone is an aborted outcome, not an exception
     * @throws SyncJob.Stopped when the run must stop writing (lease lost, shutdown)
     */
    SyncOutcome run(SyncJob job);
}
