package io.sdlclens.hooks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The projects a push may concern. Raw pool: one read, no entity needed. */
@ApplicationScoped
public class WebhookRepository {

    /** A repository project as a push is matched against it. */
    public record Candidate(String slug, String repoUrl) {}

    /**
     * Repository projects following {@code branch}. Their URLs are compared in their normal form, which only the
     * service computes (source/GitUrlPolicy), so the URL is not part of the query.
     */
    private static final String ON_BRANCH = """
            SELECT slug, repo_url FROM project
             WHERE source_type IN ('git', 'github') AND repo_branch = $1
             ORDER BY slug
            """;

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Candidate>> onBranch(String branch) {
        return pool.preparedQuery(ON_BRANCH).execute(Tuple.of(branch)).map(rows -> {
            List<Candidate> candidates = new ArrayList<>();
            for (Row row : rows) {
                candidates.add(new Candidate(row.getString("slug"), row.getString("repo_url")));
            }
            return candidates;
        });
    }
}
