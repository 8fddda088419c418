package io.sdlclens.freshness;

/**
 * The head check of a polled project: the commit its branch points at now. Blocking (network); called on a
 * worker. Behind an interface so the poller runs in tests without a remote.
 */
public interface RemoteHeads {

    /** @throws RuntimeException when the remote cannot be asked; the message says what to fix */
    String head(PolledProject project);
}
