package io.sdlclens.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sdlclens.format.SourceListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListedEntriesTest {

    @Test
    void entriesListedOnAnotherThreadArriveInOrderWithTheListingsOutcome() throws Exception {
        ListedEntries listed = new ListedEntries();
        List<SourceListing.Unreadable> unreadable = List.of(new SourceListing.Unreadable("b", "permission denied"));
        // more than one chunk, and a last one that is not full
        CompletableFuture<Void> lister = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 1300; i++) {
                listed.add(entry("doc%05d.md".formatted(i)));
            }
            listed.finish(new DocumentSource.Listing(1300, unreadable));
        });

        List<String> merged = new ArrayList<>();
        for (DocumentSource.Entry entry = listed.next(); entry != null; entry = listed.next()) {
            merged.add(entry.relativePath());
        }
        lister.get(10, TimeUnit.SECONDS);

        assertThat(merged).hasSize(1300).first().isEqualTo("doc00000.md");
        assertThat(merged).last().isEqualTo("doc01299.md");
        assertThat(listed.listing().count()).isEqualTo(1300);
        assertThat(listed.listing().isUncertain("b/x.md")).isTrue();
        assertThat(listed.listing().isUncertain("bx.md")).isFalse();
        assertThat(listed.next()).as("stays at the end").isNull();
    }

    @Test
    void aListingFailureReachesTheRunAfterTheEntriesHandedOverBeforeIt() {
        ListedEntries listed = new ListedEntries();
        for (int i = 0; i < 600; i++) {
            listed.add(entry("doc%05d.md".formatted(i)));
        }
        SourceUnavailable failure = new SourceUnavailable("sdlc-studio path could not be read: gone");
        listed.fail(failure);

        for (int i = 0; i < 512; i++) {
            assertThat(listed.next()).isNotNull();
        }
        // the rest of the unfinished chunk is dropped with the failure
        assertThatThrownBy(listed::next).isSameAs(failure);
    }

    @Test
    void aSourceOutOfPathOrderStopsTheRunInsteadOfCallingDocumentsGone() {
        ListedEntries listed = new ListedEntries();
        listed.add(entry("a/b.md"));
        listed.add(entry("a-b.md")); // '-' sorts before '/': out of order
        listed.finish(new DocumentSource.Listing(2, List.of()));

        assertThat(listed.next().relativePath()).isEqualTo("a/b.md");
        assertThatThrownBy(listed::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the source listed a-b.md after a/b.md");
    }

    @Test
    void aClosedListingStopsTheSourceAtItsNextEntry() {
        ListedEntries listed = new ListedEntries();
        listed.add(entry("a.md"));
        listed.close();

        assertThatThrownBy(() -> listed.add(entry("b.md"))).isInstanceOf(ListedEntries.Closed.class);
    }

    private static DocumentSource.Entry entry(String path) {
        return new DocumentSource.Entry(path, "stat:1:1", Instant.EPOCH);
    }
}
