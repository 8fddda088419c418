package io.sdlclens.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Recent search results, keyed by the request and the document generation they were computed at: any committed
 * change to documents moves the generation on, so an entry is only ever served while it is still current.
 * Ranking a common word means scoring every document that contains it; repeated searches skip that work, and
 * identical searches that arrive while one is being computed wait for it instead of ranking the same hits again.
 */
@ApplicationScoped
public class SearchCache {

    @ConfigMapping(prefix = "sdlc-lens.search")
    public interface Config {
        /** Search results kept per replica; 0 turns the cache off. */
        @WithDefault("1000")
        int cacheSize();
    }

    record Key(SearchQuery query, long generation) {}

    private final int capacity;
    private final Map<Key, SearchRepository.Result> entries;
    private final Map<Key, CompletableFuture<SearchRepository.Result>> inFlight = new HashMap<>();

    public SearchCache(Config config) {
        this.capacity = Math.max(0, config.cacheSize());
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, SearchRepository.Result> eldest) {
                return size() > capacity;
            }
        };
    }

    public boolean isEnabled() {
        return capacity > 0;
    }

    /** The result for {@code key}: kept, being computed by another request, or computed now by {@code search}. */
    Uni<SearchRepository.Result> lookup(Key key, Supplier<Uni<SearchRepository.Result>> search) {
        CompletableFuture<SearchRepository.Result> mine;
        synchronized (this) {
            SearchRepository.Result kept = entries.get(key);
            if (kept != null) {
                return Uni.createFrom().item(kept);
            }
            CompletableFuture<SearchRepository.Result> running = inFlight.get(key);
            if (running != null) {
                return follow(running)
                        // the computing request went away (its client disconnected): compute it here
                        .onFailure(CancellationException.class)
                        .recoverWithUni(() -> lookup(key, search));
            }
            mine = new CompletableFuture<>();
            inFlight.put(key, mine);
        }
        return search.get()
                .invoke(result -> {
                    finish(key, result);
                    mine.complete(result);
                })
                .onFailure()
                .invoke(failure -> {
                    finish(key, null);
                    mine.completeExceptionally(failure);
                })
                .onCancellation()
                .invoke(() -> {
                    finish(key, null);
                    mine.cancel(false);
                });
    }

    private synchronized void finish(Key key, SearchRepository.Result result) {
        inFlight.remove(key);
        if (result != null && capacity > 0) {
            entries.put(key, result);
        }
    }

    /** Waits for another request's computation, and goes on on this request's own event loop. */
    private static Uni<SearchRepository.Result> follow(CompletableFuture<SearchRepository.Result> running) {
        Uni<SearchRepository.Result> result = Uni.createFrom().completionStage(running);
        Context context = Vertx.currentContext();
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
