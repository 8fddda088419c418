package io.sdlclens.freshness;

import io.sdlclens.secret.TokenCipher;
import io.sdlclens.source.GitCredentials;
import io.sdlclens.source.GitSource;
import jakarta.enterprise.context.ApplicationScoped;

/** Asks the remote for the branch head (one ls-remote, no clone), with the project's stored credentials. */
@ApplicationScoped
public class GitRemoteHeads implements RemoteHeads {

    private final GitSource git;
    private final TokenCipher cipher;

    public GitRemoteHeads(GitSource git, TokenCipher cipher) {
        this.git = git;
        this.cipher = cipher;
    }

    @Override
    public String head(PolledProject project) {
        GitCredentials credentials = GitCredentials.stored(cipher, project.connectionToken(), project.accessToken());
        return git.remoteHead(project.repoUrl(), project.branch(), credentials);
    }
}
