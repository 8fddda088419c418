package io.sdlclens.system;

import java.nio.file.Path;

/**
 * A dev-mode stand-in for {@link DevDatabaseLauncherTest}: a process of its own that starts (or finds) the dev
 * database, says so on standard output, and stays up until it is killed, as a hard-killed dev mode would be.
 */
public final class DevDatabaseLauncherChild {

    private DevDatabaseLauncherChild() {}

    public static void main(String[] args) throws InterruptedException {
        DevDatabaseLauncher.Running running =
                new DevDatabaseLauncher(Integer.parseInt(args[0]), Path.of(args[1])).ensureRunning();
        System.out.println("READY " + running.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
