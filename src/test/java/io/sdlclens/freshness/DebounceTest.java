package io.sdlclens.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DebounceTest {

    private final Debounce<String> debounce = new Debounce<>(100, 1000);

    @Test
    void aBurstFiresOnceAfterItsLastTouchHasBeenQuiet() {
        for (long t = 0; t <= 500; t += 50) {
            debounce.touch("p", t);
            assertThat(debounce.takeDue(t)).isEmpty();
        }
        assertThat(debounce.nextDue()).hasValue(600);
        assertThat(debounce.takeDue(599)).isEmpty();
        assertThat(debounce.takeDue(600)).containsExactly("p");
        assertThat(debounce.takeDue(2000)).isEmpty();
        assertThat(debounce.nextDue()).isEmpty();
    }

    @Test
    void touchesThatNeverStopStillFireAtTheCap() {
        long t = 0;
        while (debounce.takeDue(t).isEmpty()) {
            debounce.touch("p", t);
            t += 50;
            assertThat(t).isLessThanOrEqualTo(1050);
        }
        assertThat(t).isEqualTo(1000);
    }

    @Test
    void keysAreIndependentAndForgetDropsOne() {
        debounce.touch("a", 0);
        debounce.touch("b", 50);
        debounce.forget("a");
        assertThat(debounce.takeDue(100)).isEmpty();
        assertThat(debounce.takeDue(150)).containsExactly("b");
    }
}
