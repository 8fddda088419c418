package io.sdlclens.sync;

/**
 * A run ended and found "sync requested" set (and cleared it): one more run of the project is due. Fired on the
 * replica that wrote the end, from a sync worker thread; the observer starts the run through the usual lease.
 */
public record SyncFollowUp(long projectId, String slug) {}
