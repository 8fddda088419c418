package io.sdlclens.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Kept results, and identical searches that arrive while one is computed. */
class SearchCacheTest {

    private static final SearchCache.Key KEY = new SearchCache.Key(new SearchQuery("system", null, null, 1, 20), 7);

    private final AtomicInteger computed = new AtomicInteger();
    private final CompletableFuture<SearchRepository.Result> database = new CompletableFuture<>();
    private final Supplier<Uni<SearchRepository.Result>> search = () -> {
        computed.incrementAndGet();
        return Uni.createFrom().completionStage(database);
    };

    private static SearchCache cache(int size) {
        return new SearchCache(() -> size);
    }

    private static SearchRepository.Result result(long total) {
        return new SearchRepository.Result(List.of(), total);
    }

    @Test
    void identicalSearchesInFlightAreComputedOnce() {
        SearchCache cache = cache(10);
        List<CompletableFuture<SearchRepository.Result>> answers = java.util.stream.IntStream.range(0, 32)
                .mapToObj(i -> cache.lookup(KEY, search).subscribeAsCompletionStage())
                .toList();
        database.complete(result(9200));
        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.join().total()).isEqualTo(9200));
        assertThat(computed).hasValue(1);

        // kept afterwards
        assertThat(cache.lookup(KEY, search).await().indefinitely().total()).isEqualTo(9200);
        assertThat(computed).hasValue(1);
    }

    @Test
    void otherKeysAreComputedApart() {
        SearchCache cache = cache(10);
        cache.lookup(KEY, search).subscribeAsCompletionStage();
        SearchCache.Key newer = new SearchCache.Key(KEY.query(), KEY.generation() + 1);
        assertThat(cache.lookup(newer, () -> Uni.createFrom().item(result(1)))
                        .await()
                        .indefinitely()
                        .total())
                .isEqualTo(1);
        assertThat(computed).hasValue(1);
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotKept() {
        SearchCache cache = cache(10);
        CompletableFuture<SearchRepository.Result> first =
                cache.lookup(KEY, search).subscribeAsCompletionStage();
        CompletableFuture<SearchRepository.Result> second =
                cache.lookup(KEY, search).subscribeAsCompletionStage();
        database.completeExceptionally(new IllegalStateException("database away"));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();

        assertThat(cache.lookup(KEY, () -> Uni.createFrom().item(result(3)))
                        .await()
                        .indefinitely()
                        .total())
                .isEqualTo(3);
    }

    @Test
    void whenTheComputingRequestGoesAwayAWaiterComputesItself() {
        SearchCache cache = cache(10);
        Cancellable leader = cache.lookup(KEY, search).subscribe().with(ignored -> {});
        CompletableFuture<SearchRepository.Result> follower = cache.lookup(KEY, () -> {
                    computed.incrementAndGet();
                    return Uni.createFrom().item(result(5));
                })
                .subscribeAsCompletionStage();
        leader.cancel();
        assertThat(follower.join().total()).isEqualTo(5);
        assertThat(computed).hasValue(2);
    }
}
