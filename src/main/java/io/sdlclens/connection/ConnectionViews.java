package io.sdlclens.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the connection endpoints (API.md "Connections"). */
public final class ConnectionViews {

    private ConnectionViews() {}

    /** A connection as the API shows it: the token only masked. */
    public record Connection(
            long id, String label, String login, String maskedToken, Instant createdAt, Instant lastValidatedAt) {}

    public record Create(String label, String accessToken) {}

    public record Rotate(String accessToken) {}

    /** Exactly one of {@code accessToken} and {@code connectionId}. */
    public record Browse(String accessToken, Long connectionId, String search) {}

    /** Exactly one of {@code accessToken} and {@code connectionId}; {@code branch} defaults to {@code main}. */
    public record FolderCheck(String accessToken, Long connectionId, String branch) {}

    public record ConnectionRepository(
            String fullName,
            String owner,
            String name,
            @JsonProperty("private") boolean isPrivate,
            String defaultBranch,
            String description,
            long connectionId,
            String connectionLabel) {

        static ConnectionRepository of(GitHubRepository repo, StoredConnection connection) {
            return new ConnectionRepository(
                    repo.fullName(),
                    repo.owner(),
                    repo.name(),
                    repo.isPrivate(),
                    repo.defaultBranch(),
                    repo.description(),
                    connection.id(),
                    connection.label());
        }
    }

    /** A connection whose repositories could not be listed, and why. */
    public record Degraded(long connectionId, String label, String reason) {}

    public record AllRepositories(List<ConnectionRepository> repos, List<Degraded> degraded) {}

    public record Repositories(List<GitHubRepository> repositories) {}

    public record FolderFound(boolean hasSdlcStudio) {}
}
