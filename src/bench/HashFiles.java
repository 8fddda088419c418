import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Baseline (a) of the sync benchmark: walk a folder, read every *.md file and compute its SHA-256 on a pool of
 * THREADS threads — the least work any sync has to do. Run with the source launcher:
 *
 * <pre>java src/bench/HashFiles.java DIR THREADS</pre>
 *
 * Prints "elapsed_ms files bytes". The clock starts after the JVM is up (JVM startup is not part of a sync) and
 * includes the walk. The JIT is cold, as the service's is on its first sync.
 */
public class HashFiles {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .collect(Collectors.toList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int chunk = Math.max(1, files.size() / (threads * 8));
        List<Future<long[]>> parts = new java.util.ArrayList<>();
        for (int from = 0; from < files.size(); from += chunk) {
            List<Path> slice = files.subList(from, Math.min(files.size(), from + chunk));
            parts.add(pool.submit(() -> hash(slice)));
        }
        long bytes = 0;
        long check = 0;
        for (Future<long[]> part : parts) {
            long[] r = part.get();
            bytes += r[0];
            check ^= r[1];
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        // "check" keeps the digests observable so no work can be optimised away.
        System.out.println(elapsedMs + " " + files.size() + " " + bytes + " " + Long.toHexString(check));
    }

    private static long[] hash(List<Path> files) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        long check = 0;
        for (Path file : files) {
            byte[] data = Files.readAllBytes(file);
            bytes += data.length;
            byte[] digest = sha.digest(data);
            // Hex-encode as the service does, so the comparison is like for like.
            check ^= HexFormat.of().formatHex(digest).hashCode();
        }
        return new long[] {bytes, check};
    }
}
