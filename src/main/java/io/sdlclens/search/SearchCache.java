package io.sdlclens.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent search results, keyed by the request and the document generation they were computed at: any committed
 * change to documents moves the generation on, so an entry is only ever served while it is still current.
 * Ranking a common word means scoring every document that contains it; repeated searches skip that work.
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

    synchronized SearchRepository.Result get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, SearchRepository.Result result) {
        if (capacity > 0) {
            entries.put(key, result);
        }
    }
}
