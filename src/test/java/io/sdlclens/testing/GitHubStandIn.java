package io.sdlclens.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the few GitHub REST endpoints the service calls (GitHub itself cannot run here): accounts
 * keyed by token, their repositories and organisations, folders per branch, and failures on demand (401, a spent
 * rate limit, 500). Every request is recorded, so tests assert what the service sent. One server for the whole
 * test run (like the database); tests keep apart by using tokens of their own.
 */
@QuarkusTestResource(GitHubStandIn.class)
public class GitHubStandIn implements QuarkusTestResourceLifecycleManager {

    private static HttpServer server;
    private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();
    private static final Map<String, Org> ORGS = new ConcurrentHashMap<>();
    private static final List<Recorded> REQUESTS = new CopyOnWriteArrayList<>();

    public record Recorded(String method, String path, String query, String authorization) {}

    /** What a token does: answer as {@code login}, or fail. */
    public static final class Account {
        final String login;
        final List<JsonObject> repos = new CopyOnWriteArrayList<>();
        final List<String> orgs = new CopyOnWriteArrayList<>();
        final Map<String, Set<String>> folders = new ConcurrentHashMap<>();
        volatile int pageSize = 100;
        volatile int failWith;
        volatile String failOnlyPath;

        Account(String login) {
            this.login = login;
        }

        public Account repos(String owner, int count) {
            for (int i = 1; i <= count; i++) {
                repo(owner, String.format("repo-%03d", i), i % 2 == 0);
            }
            return this;
        }

        public Account repo(String owner, String name, boolean isPrivate) {
            repos.add(repoJson(owner, name, isPrivate));
            return this;
        }

        public Account org(String org) {
            orgs.add(org);
            return this;
        }

        /** {@code owner/repo} has {@code folder} on {@code branch} (the repository and branch then exist). */
        public Account folder(String fullName, String branch, String folder) {
            folders.computeIfAbsent(fullName + "@" + branch, k -> ConcurrentHashMap.newKeySet())
                    .add(folder);
            return this;
        }

        public Account pageSize(int size) {
            this.pageSize = size;
            return this;
        }

        /** Every request with this token answers {@code status}: 401, 403 (rate limit spent), 429, 500. */
        public Account failWith(int status) {
            this.failWith = status;
            return this;
        }

        /** Only requests to paths starting with {@code prefix} fail with {@code status}. */
        public Account failOn(String prefix, int status) {
            this.failOnlyPath = prefix;
            this.failWith = status;
            return this;
        }
    }

    public static Account account(String token, String login) {
        Account account = new Account(login);
        ACCOUNTS.put(token, account);
        return account;
    }

    /** An organisation's repositories, seen by every member. */
    public static void org(String org, int count) {
        Org o = new Org();
        for (int i = 1; i <= count; i++) {
            o.repos.add(repoJson(org, String.format("org-repo-%03d", i), true));
        }
        ORGS.put(org, o);
    }

    public static List<Recorded> requests() {
        return List.copyOf(REQUESTS);
    }

    /** Requests made with this token. */
    public static List<Recorded> requestsWith(String token) {
        return REQUESTS.stream()
                .filter(r -> ("Bearer " + token).equals(r.authorization()))
                .toList();
    }

    public static String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", GitHubStandIn::handle);
            server.start();
        }
        return Map.of("sdlc-lens.github.api-url", url());
    }

    @Override
    public void stop() {
        // shared by every Quarkus start of the run, like the database
    }

    private static final class Org {
        final List<JsonObject> repos = new CopyOnWriteArrayList<>();
    }

    private static JsonObject repoJson(String owner, String name, boolean isPrivate) {
        return new JsonObject()
                .put("full_name", owner + "/" + name)
                .put("name", name)
                .put("owner", new JsonObject().put("login", owner))
                .put("private", isPrivate)
                .put("default_branch", "main")
                .put("description", "Repository " + name + " of " + owner);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        REQUESTS.add(new Recorded(exchange.getRequestMethod(), path, query, authorization));
        try (exchange) {
            Account account = authorization != null && authorization.startsWith("Bearer ")
                    ? ACCOUNTS.get(authorization.substring(7))
                    : null;
            if (account == null) {
                send(
                        exchange,
                        401,
                        new JsonObject().put("message", "Bad credentials").encode());
                return;
            }
            if (account.failWith != 0 && (account.failOnlyPath == null || path.startsWith(account.failOnlyPath))) {
                fail(exchange, account.failWith);
                return;
            }
            Map<String, String> params = params(query);
            if (path.equals("/user")) {
                send(exchange, 200, new JsonObject().put("login", account.login).encode());
            } else if (path.equals("/user/repos")) {
                page(exchange, path, params, account.repos, account.pageSize);
            } else if (path.equals("/user/orgs")) {
                JsonArray orgs = new JsonArray();
                account.orgs.forEach(org -> orgs.add(new JsonObject().put("login", org)));
                send(exchange, 200, orgs.encode());
            } else if (path.startsWith("/orgs/") && path.endsWith("/repos")) {
                String org = path.substring("/orgs/".length(), path.length() - "/repos".length());
                Org o = account.orgs.contains(org) ? ORGS.get(org) : null;
                if (o == null) {
                    send(
                            exchange,
                            404,
                            new JsonObject().put("message", "Not Found").encode());
                } else {
                    page(exchange, path, params, o.repos, account.pageSize);
                }
            } else if (path.startsWith("/repos/") && path.contains("/contents")) {
                contents(exchange, path, params, account);
            } else {
                send(exchange, 404, new JsonObject().put("message", "Not Found").encode());
            }
        }
    }

    private static void contents(HttpExchange exchange, String path, Map<String, String> params, Account account)
            throws IOException {
        String[] parts = path.split("/", 5); // "", repos, owner, repo, contents[/folder]
        String fullName = parts[2] + "/" + parts[3];
        String rest = parts.length > 4 ? parts[4] : "contents";
        String folder = rest.equals("contents") || rest.equals("contents/") ? "" : rest.substring("contents/".length());
        Set<String> folders = account.folders.get(fullName + "@" + params.getOrDefault("ref", "main"));
        if (folders == null) {
            send(exchange, 404, new JsonObject().put("message", "Not Found").encode());
        } else if (folder.isEmpty() || folders.contains(URLDecoder.decode(folder, StandardCharsets.UTF_8))) {
            send(
                    exchange,
                    200,
                    new JsonArray().add(new JsonObject().put("name", "x.md")).encode());
        } else {
            send(exchange, 404, new JsonObject().put("message", "Not Found").encode());
        }
    }

    private static void page(
            HttpExchange exchange, String path, Map<String, String> params, List<JsonObject> all, int pageSize)
            throws IOException {
        int perPage = Math.min(pageSize, Integer.parseInt(params.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(params.getOrDefault("page", "1"));
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        JsonArray items = new JsonArray(new ArrayList<>(all.subList(from, to)));
        if (to < all.size()) {
            Map<String, String> next = new LinkedHashMap<>(params);
            next.put("page", Integer.toString(page + 1));
            StringBuilder link = new StringBuilder(url()).append(path).append('?');
            next.forEach((k, v) -> link.append(k).append('=').append(v).append('&'));
            link.setLength(link.length() - 1);
            exchange.getResponseHeaders().add("Link", "<" + link + ">; rel=\"next\"");
        }
        send(exchange, 200, items.encode());
    }

    private static void fail(HttpExchange exchange, int status) throws IOException {
        switch (status) {
            case 403 -> {
                exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
                exchange.getResponseHeaders()
                        .add("x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 42));
                send(
                        exchange,
                        403,
                        new JsonObject()
                                .put("message", "API rate limit exceeded")
                                .encode());
            }
            case 429 -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                send(
                        exchange,
                        429,
                        new JsonObject().put("message", "secondary rate limit").encode());
            }
            default ->
                send(
                        exchange,
                        status,
                        new JsonObject().put("message", "failure").encode());
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
