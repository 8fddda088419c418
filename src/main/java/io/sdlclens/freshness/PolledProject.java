package io.sdlclens.freshness;

/**
 * A git/github project this replica claimed for one head check.
 *
 * @param accessToken the project's own token as stored (ciphertext), or null
 * @param connectionToken its connection's token as stored (ciphertext), or null; it wins over {@code accessToken}
 */
public record PolledProject(
        long id,
        String slug,
        String repoUrl,
        String branch,
        String lastSyncedCommitSha,
        int pollFailures,
        byte[] accessToken,
        byte[] connectionToken) {

    @Override
    public String toString() {
        // never the token bytes, even encrypted
        return "PolledProject[" + slug + "]";
    }
}
