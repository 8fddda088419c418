package io.sdlclens.freshness;

import io.sdlclens.source.GitCredentials;
import io.sdlclens.source.GitSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asks the remote for the branch head (one ls-remote, no clone). Public repositories only for now: the
 * project's stored credentials are read by the git/github registration work, which is not merged yet.
 */
@ApplicationScoped
public class GitRemoteHeads implements RemoteHeads {

    private final GitSource git;

    public GitRemoteHeads(GitSource git) {
        this.git = git;
    }

    @Override
    public String head(PolledProject project) {
        return git.remoteHead(project.repoUrl(), project.branch(), GitCredentials.none());
    }
}
