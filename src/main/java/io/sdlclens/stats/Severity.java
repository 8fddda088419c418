package io.sdlclens.stats;

import java.util.Locale;

/** How bad a finding is, most severe first; each level costs the health score a fixed number of points. */
public enum Severity {
    CRITICAL(15),
    HIGH(5),
    MEDIUM(2),
    LOW(1);

    private final int penalty;

    Severity(int penalty) {
        this.penalty = penalty;
    }

    /** Points one finding of this severity takes off the score of 100. */
    public int penalty() {
        return penalty;
    }

    /** The API spelling: {@code critical}, {@code high}, {@code medium}, {@code low}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
