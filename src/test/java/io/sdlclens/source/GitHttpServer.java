package io.sdlclens.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real smart-HTTP git server for tests: the git package's {@code git http-backend} CGI run per request
 * behind a JDK HTTP server, with HTTP Basic auth per repository and switches for the failures a real server
 * shows (a stall mid-response, a redirect, a fixed error status).
 */
public final class GitHttpServer implements AutoCloseable {

    private static final Path BACKEND = locateBackend();

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public volatile String redirectTo;
    public volatile int forcedStatus = -1;
    public volatile long stallAfterBytes = -1;

    /** True when the git package with its http-backend CGI is installed. */
    public static boolean available() {
        return BACKEND != null;
    }

    public GitHttpServer(Path root) throws IOException {
        this.root = root;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/git/", this::handle);
        server.start();
    }

    /** The repository folder {@code name} under the served root must then answer a token. */
    public void requireToken(String name, String token) {
        tokens.put(name, token);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + name;
    }

    public String localhostUrl(String name) {
        return "http://localhost:" + server.getAddress().getPort() + "/git/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathInfo = exchange.getRequestURI().getRawPath().substring("/git".length());
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + pathInfo + (query == null ? "" : "?" + query));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            if (forcedStatus > 0) {
                exchange.sendResponseHeaders(forcedStatus, -1);
                return;
            }
            if (redirectTo != null) {
                exchange.getResponseHeaders()
                        .add("Location", redirectTo + pathInfo + (query == null ? "" : "?" + query));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String repository = pathInfo.substring(1).split("/", 2)[0];
            String user = null;
            String token = tokens.get(repository);
            if (token != null) {
                String expected = "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(authorization)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                user = "x-access-token";
            }
            runBackend(exchange, pathInfo, query, user);
        }
    }

    private void runBackend(HttpExchange exchange, String pathInfo, String query, String user) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        ProcessBuilder builder = new ProcessBuilder(BACKEND.toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", root.toString());
        env.put("PATH_INFO", pathInfo);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        if (user != null) {
            env.put("REMOTE_USER", user);
        }
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(body);
            }
            InputStream stdout = new BufferedInputStream(process.getInputStream());
            int status = 200;
            String line;
            while (!(line = headerLine(stdout)).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            OutputStream out = exchange.getResponseBody();
            long limit = stallAfterBytes;
            byte[] buffer = new byte[8192];
            long sent = 0;
            int n;
            while ((n = stdout.read(buffer)) > 0) {
                if (limit >= 0 && sent + n > limit) {
                    out.write(buffer, 0, (int) (limit - sent));
                    out.flush();
                    // Hold the connection open without a byte more, as a hung server does.
                    closed.await(60, TimeUnit.SECONDS);
                    return;
                }
                out.write(buffer, 0, n);
                sent += n;
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroy();
        }
    }

    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Path locateBackend() {
        try {
            Process process = new ProcessBuilder("git", "--exec-path")
                    .redirectErrorStream(true)
                    .start();
            String execPath = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                return null;
            }
            Path backend = Path.of(execPath, "git-http-backend");
            return Files.isExecutable(backend) ? backend : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
