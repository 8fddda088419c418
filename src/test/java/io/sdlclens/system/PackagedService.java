package io.sdlclens.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, started the way the README
 * says, with its own environment only (no variable of the build leaks in). Output goes to a file, read whole.
 */
final class PackagedService implements AutoCloseable {

    static final Path APP = Path.of("target", "quarkus-app").toAbsolutePath();

    private final Process process;
    private final Path output;

    private PackagedService(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static boolean isPackaged() {
        return Files.isRegularFile(APP.resolve("quarkus-run.jar"));
    }

    /** Starts the jar with exactly {@code environment} (plus PATH and HOME), from {@code target/quarkus-app}. */
    static PackagedService start(Map<String, String> environment, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        if (home != null) {
            env.put("HOME", home);
        }
        env.put("MALLOC_ARENA_MAX", "2");
        env.putAll(environment);
        return new PackagedService(builder.start(), output);
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
