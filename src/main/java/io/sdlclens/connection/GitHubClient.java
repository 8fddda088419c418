package io.sdlclens.connection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The few GitHub REST endpoints the service needs, over the non-blocking Vert.x web client. Every request is
 * bounded by {@code sdlc-lens.github.timeout}. The token goes into the Authorization header only: never into a
 * URL, a log line or a failure message.
 */
@ApplicationScoped
public class GitHubClient {

    private static final Logger LOG = Logger.getLogger(GitHubClient.class);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int PAGE_SIZE = 100;
    /** When GitHub says "rate limited" without saying until when. */
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

    private final WebClient web;
    private final String apiUrl;
    private final String apiOrigin;
    private final Duration timeout;
    private final int maxRepos;

    public GitHubClient(Vertx vertx, GitHubConfig config) {
        this.apiUrl = config.apiUrl().replaceAll("/+$", "");
        this.apiOrigin = origin(apiUrl);
        this.timeout = config.timeout();
        this.maxRepos = config.maxRepos();
        this.web = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setUserAgent("sdlc-lens")
                        .setConnectTimeout((int) timeout.toMillis())
                        .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        web.close();
    }

    /** {@code GET /user}: the login the token belongs to. */
    public Uni<String> login(String token) {
        return get(apiUrl + "/user", token).map(response -> {
            expectOk(response, "GET /user");
            return json(response).getString("login");
        });
    }

    /**
     * The repositories the token can see: its own, those it collaborates on, and its organisations', at most
     * {@code sdlc-lens.github.max-repos}, each once, in GitHub's order (own and collaborations first).
     */
    public Uni<List<GitHubRepository>> repositories(String token) {
        Map<String, GitHubRepository> found = new LinkedHashMap<>();
        String mine = apiUrl + "/user/repos?affiliation=owner,collaborator,organization_member&per_page=" + PAGE_SIZE;
        return collect(mine, token, found)
                .flatMap(ignored -> found.size() >= maxRepos ? Uni.createFrom().item(List.<String>of()) : orgs(token))
                .flatMap(orgs -> Multi.createFrom()
                        .iterable(orgs)
                        // one organisation after another: the cap is shared, and GitHub dislikes bursts
                        .onItem()
                        .transformToUniAndConcatenate(org -> found.size() >= maxRepos
                                ? Uni.createFrom().voidItem()
                                : collect(
                                                apiUrl + "/orgs/" + encode(org) + "/repos?per_page=" + PAGE_SIZE,
                                                token,
                                                found)
                                        .onFailure(GitHubClient::isOrganisationOnly)
                                        .recoverWithItem(failure -> {
                                            // An organisation may refuse this token (SSO, policy): its repositories
                                            // the token can reach came with /user/repos already.
                                            LOG.debugf("Repositories of organisation %s not listed: %s", org, failure);
                                            return null;
                                        }))
                        .collect()
                        .last())
                .map(ignored -> List.copyOf(found.values()));
    }

    /**
     * Whether {@code path} is a folder of the repository at {@code ref}. A repository or branch that does not
     * exist (or that the token cannot see, which GitHub answers the same way) is NOT_FOUND.
     */
    public Uni<Boolean> hasFolder(String token, String owner, String repo, String path, String ref) {
        String contents = apiUrl + "/repos/" + encode(owner) + "/" + encode(repo) + "/contents/";
        String query = "?ref=" + encode(ref);
        return get(contents + encode(path) + query, token).flatMap(response -> {
            if (response.statusCode() == 200) {
                // a folder lists its entries (an array); a file of that name is an object
                return Uni.createFrom()
                        .item(response.bodyAsString().stripLeading().startsWith("["));
            }
            if (response.statusCode() != 404) {
                expectOk(response, "GET contents");
            }
            // no such entry, or no such repository/branch: the root tells them apart
            return get(contents + query, token).map(root -> {
                if (root.statusCode() == 404) {
                    throw new GitHubFailure(
                            GitHubFailure.Kind.NOT_FOUND,
                            "Repository " + owner + "/" + repo + " or its branch '" + ref
                                    + "' not found (or the token cannot see it)");
                }
                expectOk(root, "GET contents");
                return false;
            });
        });
    }

    private Uni<List<String>> orgs(String token) {
        return get(apiUrl + "/user/orgs?per_page=" + PAGE_SIZE, token).map(response -> {
            expectOk(response, "GET /user/orgs");
            List<String> logins = new ArrayList<>();
            for (Object org : jsonArray(response)) {
                if (org instanceof JsonObject o && o.getString("login") != null) {
                    logins.add(o.getString("login"));
                }
            }
            return logins;
        });
    }

    /** Reads pages from {@code url} on, following {@code Link: rel="next"}, until the cap is reached. */
    private Uni<Void> collect(String url, String token, Map<String, GitHubRepository> found) {
        return get(url, token).flatMap(response -> {
            expectOk(response, "list repositories");
            for (Object item : jsonArray(response)) {
                if (found.size() >= maxRepos) {
                    return Uni.createFrom().voidItem();
                }
                if (item instanceof JsonObject repo) {
                    GitHubRepository parsed = repository(repo);
                    found.putIfAbsent(parsed.fullName().toLowerCase(java.util.Locale.ROOT), parsed);
                }
            }
            String next = nextPage(response.getHeader("Link"));
            return next == null || found.size() >= maxRepos ? Uni.createFrom().voidItem() : collect(next, token, found);
        });
    }

    /**
     * The next page, only on the API's own origin: the token goes with every request, and a Link header pointing
     * elsewhere must not carry it there.
     */
    String nextPage(String link) {
        if (link == null) {
            return null;
        }
        Matcher next = NEXT_LINK.matcher(link);
        if (!next.find()) {
            return null;
        }
        String url = next.group(1);
        if (!apiOrigin.equalsIgnoreCase(origin(url))) {
            LOG.warnf("GitHub pagination link to another origin not followed: %s", origin(url));
            return null;
        }
        return url;
    }

    private Uni<HttpResponse<Buffer>> get(String url, String token) {
        return web.requestAbs(HttpMethod.GET, url)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/vnd.github+json")
                .putHeader("X-GitHub-Api-Version", "2022-11-28")
                .timeout(timeout.toMillis())
                .send()
                .ifNoItem()
                .after(timeout)
                .fail()
                .onFailure(failure -> !(failure instanceof GitHubFailure))
                .transform(failure -> {
                    // the failure names host and port at most; never the request's headers
                    LOG.debugf("GitHub request failed: %s", failure.getClass().getSimpleName());
                    return new GitHubFailure(
                            GitHubFailure.Kind.UNAVAILABLE,
                            "GitHub (" + apiOrigin + ") could not be reached in time: try again later, or check"
                                    + " SDLC_LENS_GITHUB_API_URL and the network");
                });
    }

    private void expectOk(HttpResponse<Buffer> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if ((status == 403 || status == 429)
                && ("0".equals(response.getHeader("x-ratelimit-remaining"))
                        || response.getHeader("Retry-After") != null)) {
            throw new GitHubFailure(
                    GitHubFailure.Kind.RATE_LIMITED,
                    "GitHub's rate limit for this token is used up: try again in a while (Retry-After)",
                    retryAfterSeconds(response));
        }
        switch (status) {
            case 401 ->
                throw new GitHubFailure(
                        GitHubFailure.Kind.UNAUTHORIZED,
                        "GitHub refused the token: it is wrong, expired or revoked. Create a new token and send it again");
            case 403 ->
                throw new GitHubFailure(
                        GitHubFailure.Kind.FORBIDDEN,
                        "GitHub refused this token access (" + githubMessage(response)
                                + "): check its scopes and any organisation SSO authorisation");
            case 404 -> throw new GitHubFailure(GitHubFailure.Kind.NOT_FOUND, "Not found on GitHub (" + what + ")");
            default ->
                throw new GitHubFailure(
                        GitHubFailure.Kind.UNAVAILABLE,
                        "GitHub answered " + status + " to " + what + ": try again later");
        }
    }

    static long retryAfterSeconds(HttpResponse<Buffer> response) {
        String retryAfter = response.getHeader("Retry-After");
        if (retryAfter != null && retryAfter.strip().matches("[0-9]{1,9}")) {
            return Math.max(1, Long.parseLong(retryAfter.strip()));
        }
        String reset = response.getHeader("x-ratelimit-reset");
        if (reset != null && reset.strip().matches("[0-9]{1,12}")) {
            return Math.max(1, Long.parseLong(reset.strip()) - Instant.now().getEpochSecond());
        }
        return DEFAULT_RETRY_AFTER_SECONDS;
    }

    /** GitHub's own explanation, bounded; it describes the refusal and never contains the token. */
    private static String githubMessage(HttpResponse<Buffer> response) {
        try {
            String message = json(response).getString("message", "no reason given");
            return message.length() > 200 ? message.substring(0, 200) : message;
        } catch (RuntimeException e) {
            return "no reason given";
        }
    }

    private static boolean isOrganisationOnly(Throwable failure) {
        return failure instanceof GitHubFailure f
                && (f.kind() == GitHubFailure.Kind.FORBIDDEN || f.kind() == GitHubFailure.Kind.NOT_FOUND);
    }

    private static GitHubRepository repository(JsonObject repo) {
        JsonObject owner = repo.getJsonObject("owner");
        String name = repo.getString("name");
        String ownerLogin = owner == null ? null : owner.getString("login");
        String fullName = repo.getString("full_name", ownerLogin + "/" + name);
        return new GitHubRepository(
                fullName,
                ownerLogin,
                name,
                repo.getBoolean("private", false),
                repo.getString("default_branch"),
                repo.getString("description"));
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw unreadable();
        }
    }

    private static JsonArray jsonArray(HttpResponse<Buffer> response) {
        try {
            JsonArray array = response.bodyAsJsonArray();
            return array == null ? new JsonArray() : array;
        } catch (RuntimeException e) {
            throw unreadable();
        }
    }

    private static GitHubFailure unreadable() {
        return new GitHubFailure(GitHubFailure.Kind.UNAVAILABLE, "GitHub answered with something that is not JSON");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }
}
