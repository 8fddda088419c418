package io.sdlclens.freshness;

/** A git/github project this replica claimed for one head check. */
public record PolledProject(
        long id, String slug, String repoUrl, String branch, String lastSyncedCommitSha, int pollFailures) {}
