package io.sdlclens.connection;

import io.sdlclens.error.ApiException;
import io.sdlclens.error.DatabaseFailures;
import io.sdlclens.error.ErrorCode;
import io.sdlclens.secret.TokenCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * GitHub connections: a token is checked with GitHub before it is stored (create, rotate), stored only
 * encrypted, and decrypted only to make a request with it. Check order on writes: the body (422), the secret key
 * (422 SECRET_KEY_MISSING), the label (409), then GitHub.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);
    private static final int MAX_LABEL = 100;
    /** GitHub tokens are printable ASCII without spaces; anything else would not even fit in a header. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,1000}");
    /** GitHub's own rules for owner and repository names. */
    private static final Pattern REPO_PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private static final int MAX_SEARCH = 200;
    static final String SDLC_STUDIO_FOLDER = "sdlc-studio";

    private final ConnectionRepository connections;
    private final GitHubClient github;
    private final TokenCipher cipher;

    public ConnectionService(ConnectionRepository connections, GitHubClient github, TokenCipher cipher) {
        this.connections = connections;
        this.github = github;
        this.cipher = cipher;
    }

    public Uni<List<ConnectionViews.Connection>> list() {
        return connections
                .all()
                .map(all -> all.stream().map(StoredConnection::view).toList());
    }

    public Uni<ConnectionViews.Connection> create(ConnectionViews.Create request) {
        return Uni.createFrom()
                .item(() -> {
                    if (request == null) {
                        throw ApiException.validation("label, access_token: are required");
                    }
                    String label = label(request.label());
                    String token = token(request.accessToken());
                    cipher.requireKey();
                    return new String[] {label, token};
                })
                .flatMap(valid -> connections
                        .labelTaken(valid[0])
                        .flatMap(taken -> {
                            if (taken) {
                                throw labelExists(valid[0]);
                            }
                            return checkedLogin(valid[1], ErrorCode.INVALID_TOKEN);
                        })
                        .flatMap(login -> connections.insert(
                                valid[0], login, cipher.encrypt(valid[1]), TokenCipher.mask(valid[1])))
                        // two saves of one label can both pass the check; the unique index decides
                        .onFailure(DatabaseFailures::isUniqueViolation)
                        .transform(race -> labelExists(valid[0])))
                .map(StoredConnection::view);
    }

    /** The new token replaces the old only once GitHub accepted it: a refused rotation changes nothing. */
    public Uni<ConnectionViews.Connection> rotate(long id, ConnectionViews.Rotate request) {
        return Uni.createFrom()
                .item(() -> {
                    String token = token(request == null ? null : request.accessToken());
                    cipher.requireKey();
                    return token;
                })
                .flatMap(token -> find(id).flatMap(existing -> checkedLogin(token, ErrorCode.INVALID_TOKEN))
                        .flatMap(login ->
                                connections.replaceToken(id, login, cipher.encrypt(token), TokenCipher.mask(token))))
                .onItem()
                .ifNull()
                .failWith(ConnectionService::connectionNotFound)
                .map(StoredConnection::view);
    }

    public Uni<ConnectionViews.Connection> validate(long id) {
        return find(id).map(this::open)
                .onFailure(GitHubFailure.class)
                .transform(failure -> ((GitHubFailure) failure).toApi(ErrorCode.INVALID_TOKEN))
                .flatMap(token -> checkedLogin(token, ErrorCode.INVALID_TOKEN))
                .flatMap(login -> connections.markValidated(id, login))
                .onItem()
                .ifNull()
                .failWith(ConnectionService::connectionNotFound)
                .map(StoredConnection::view);
    }

    public Uni<Void> delete(long id) {
        return find(id).flatMap(connection -> refuseIfUsed(id).flatMap(ignored -> connections.delete(id)))
                // a project that took the connection between the check and the delete: the foreign key refuses
                .onFailure(failure -> DatabaseFailures.sqlState(failure)
                        .filter("23503"::equals)
                        .isPresent())
                .recoverWithUni(race -> refuseIfUsed(id).flatMap(ignored -> connections.delete(id)))
                .replaceWithVoid();
    }

    /**
     * Every connection's repositories, de-duplicated (the first connection listing a repository keeps it). Always
     * an answer: a connection that fails is named in {@code degraded} and the others' repositories still show.
     */
    public Uni<ConnectionViews.AllRepositories> allRepositories() {
        return connections.all().flatMap(all -> {
            if (all.isEmpty()) {
                return Uni.createFrom().item(new ConnectionViews.AllRepositories(List.of(), List.of()));
            }
            List<Uni<Listing>> listings = all.stream().map(this::listing).toList();
            return Uni.join().all(listings).andFailFast().map(ConnectionService::merge);
        });
    }

    /** One credential's repositories, optionally only those whose name or description contains {@code search}. */
    public Uni<ConnectionViews.Repositories> repositories(ConnectionViews.Browse request) {
        return Uni.createFrom()
                .item(() -> {
                    if (request == null) {
                        throw oneCredential();
                    }
                    String search =
                            request.search() == null ? "" : request.search().strip();
                    if (search.length() > MAX_SEARCH) {
                        throw ApiException.validation("search: must be at most " + MAX_SEARCH + " characters");
                    }
                    return search.toLowerCase(Locale.ROOT);
                })
                .flatMap(search -> credential(request.accessToken(), request.connectionId())
                        .flatMap(github::repositories)
                        .map(repos -> repos.stream()
                                .filter(repo -> search.isEmpty() || matches(repo, search))
                                .toList()))
                .onFailure(GitHubFailure.class)
                .transform(failure -> ((GitHubFailure) failure).toApi(ErrorCode.AUTH_FAILED))
                .map(ConnectionViews.Repositories::new);
    }

    public Uni<ConnectionViews.FolderFound> hasSdlcStudio(
            String owner, String repo, ConnectionViews.FolderCheck request) {
        return Uni.createFrom()
                .item(() -> {
                    if (!REPO_PART.matcher(owner).matches()
                            || !REPO_PART.matcher(repo).matches()) {
                        throw ApiException.notFound("Repository not found: " + owner + "/" + repo);
                    }
                    if (request == null) {
                        throw oneCredential();
                    }
                    String branch =
                            request.branch() == null ? "main" : request.branch().strip();
                    if (branch.isEmpty()
                            || branch.length() > 255
                            || !TOKEN.matcher(branch).matches()) {
                        throw ApiException.validation("branch: must be a branch name (1 to 255 characters, no spaces)");
                    }
                    return branch;
                })
                .flatMap(branch -> credential(request.accessToken(), request.connectionId())
                        .flatMap(token -> github.hasFolder(token, owner, repo, SDLC_STUDIO_FOLDER, branch)))
                .onFailure(GitHubFailure.class)
                .transform(failure -> ((GitHubFailure) failure).toApi(ErrorCode.AUTH_FAILED))
                .map(ConnectionViews.FolderFound::new);
    }

    /** The token to browse with: the one sent, or a stored connection's. Exactly one of them (400 otherwise). */
    private Uni<String> credential(String accessToken, Long connectionId) {
        if ((accessToken == null) == (connectionId == null)) {
            return Uni.createFrom().failure(oneCredential());
        }
        if (accessToken != null) {
            return Uni.createFrom().item(() -> token(accessToken));
        }
        return find(connectionId).map(this::open);
    }

    private Uni<Listing> listing(StoredConnection connection) {
        return Uni.createFrom()
                .item(() -> open(connection))
                .flatMap(github::repositories)
                .map(repos -> new Listing(connection, repos, null))
                .onFailure()
                .recoverWithItem(failure -> new Listing(connection, List.of(), reason(failure)));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof GitHubFailure || failure instanceof ApiException) {
            return failure.getMessage();
        }
        LOG.warnf(
                "Listing a connection's repositories failed: %s",
                failure.getClass().getName());
        return "Unexpected failure while listing repositories";
    }

    private static ConnectionViews.AllRepositories merge(List<Listing> listings) {
        List<ConnectionViews.ConnectionRepository> repos = new ArrayList<>();
        List<ConnectionViews.Degraded> degraded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Listing listing : listings) {
            if (listing.failure() != null) {
                degraded.add(new ConnectionViews.Degraded(
                        listing.connection().id(), listing.connection().label(), listing.failure()));
            }
            for (GitHubRepository repo : listing.repos()) {
                if (seen.add(repo.fullName().toLowerCase(Locale.ROOT))) {
                    repos.add(ConnectionViews.ConnectionRepository.of(repo, listing.connection()));
                }
            }
        }
        return new ConnectionViews.AllRepositories(repos, degraded);
    }

    private record Listing(StoredConnection connection, List<GitHubRepository> repos, String failure) {}

    private static boolean matches(GitHubRepository repo, String search) {
        return repo.fullName().toLowerCase(Locale.ROOT).contains(search)
                || (repo.description() != null
                        && repo.description().toLowerCase(Locale.ROOT).contains(search));
    }

    /** The stored token in plain text, only to send it to GitHub. */
    private String open(StoredConnection connection) {
        try {
            return cipher.decrypt(connection.tokenCiphertext());
        } catch (TokenCipher.UndecryptableToken e) {
            throw GitHubFailure.undecryptable(connection.label());
        }
    }

    private Uni<String> checkedLogin(String token, String unauthorizedCode) {
        return github.login(token)
                .onFailure(GitHubFailure.class)
                .transform(failure -> ((GitHubFailure) failure).toApi(unauthorizedCode));
    }

    private Uni<Boolean> refuseIfUsed(long id) {
        return connections.projectsUsing(id).map(slugs -> {
            if (!slugs.isEmpty()) {
                throw new ApiException(
                        409,
                        ErrorCode.CONNECTION_IN_USE,
                        "Connection is in use by project: " + String.join(", ", slugs)
                                + ". Re-point or delete them first.");
            }
            return true;
        });
    }

    private Uni<StoredConnection> find(long id) {
        return connections.byId(id).onItem().ifNull().failWith(ConnectionService::connectionNotFound);
    }

    private static ApiException connectionNotFound() {
        return ApiException.notFound("Connection not found");
    }

    private static ApiException labelExists(String label) {
        return new ApiException(
                409,
                ErrorCode.LABEL_EXISTS,
                "A connection labelled '" + label + "' already exists: choose another label");
    }

    /**
     * 400, not 422: the contract gives this case its own status. The code stays VALIDATION_ERROR, the one code
     * for a request whose fields do not fit together.
     */
    private static ApiException oneCredential() {
        return new ApiException(
                400,
                ErrorCode.VALIDATION_ERROR,
                "access_token, connection_id: give exactly one of them (a GitHub token, or the id of a saved connection)");
    }

    static String label(String raw) {
        String label = raw == null ? "" : raw.strip();
        if (label.isEmpty()) {
            throw ApiException.validation("label: must not be blank");
        }
        if (label.length() > MAX_LABEL) {
            throw ApiException.validation("label: must be at most " + MAX_LABEL + " characters");
        }
        return label;
    }

    static String token(String raw) {
        String token = raw == null ? "" : raw.strip();
        if (token.isEmpty()) {
            throw ApiException.validation("access_token: must not be blank");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw ApiException.validation(
                    "access_token: must be a GitHub token (up to 1000 printable characters without spaces)");
        }
        return token;
    }
}
