package io.sdlclens.source;

import java.time.Instant;

/** The branch head a fetch brought into the cache: what a sync reads and records as its commit. */
public record FetchedCommit(String sha, Instant commitTime) {}
