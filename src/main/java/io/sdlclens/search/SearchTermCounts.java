package io.sdlclens.search;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The per-word document counts that give a one-word search its total (migration V14). Every statement that writes
 * documents appends its changes as deltas; folding moves a project's deltas into its counts, so that a search sums
 * a few rows per word instead of one per batch ever written. Folding keeps every sum, so it is safe at any moment
 * and from any process; it is not part of a run's fenced writes, and a fold that never happens (a process killed
 * first) leaves the counts exact, only spread over more rows until the next one.
 */
@ApplicationScoped
public class SearchTermCounts {

    private final Pool pool;

    public SearchTermCounts(Pool pool) {
        this.pool = pool;
    }

    /** Folds the project's deltas; the item is how many (word, type) counts changed. */
    public Uni<Integer> fold(long projectId) {
        return pool.preparedQuery("SELECT search_term_fold($1)")
                .execute(Tuple.of(projectId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }
}
