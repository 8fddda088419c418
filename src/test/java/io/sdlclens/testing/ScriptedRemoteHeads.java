package io.sdlclens.testing;

import io.sdlclens.freshness.GitRemoteHeads;
import io.sdlclens.freshness.PolledProject;
import io.sdlclens.freshness.RemoteHeads;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The real head check, with answers a test can script for one repository URL (a head, or a failure), as a remote
 * would give them. URLs without a script go to the real remote.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedRemoteHeads implements RemoteHeads {

    private static final Map<String, Supplier<String>> SCRIPTS = new ConcurrentHashMap<>();

    private final GitRemoteHeads real;

    public ScriptedRemoteHeads(GitRemoteHeads real) {
        this.real = real;
    }

    public static void answer(String repoUrl, Supplier<String> head) {
        SCRIPTS.put(repoUrl, head);
    }

    public static void forget(String repoUrl) {
        SCRIPTS.remove(repoUrl);
    }

    @Override
    public String head(PolledProject project) {
        Supplier<String> script = SCRIPTS.get(project.repoUrl());
        return script == null ? real.head(project) : script.get();
    }
}
