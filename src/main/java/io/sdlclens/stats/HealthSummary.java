package io.sdlclens.stats;

import java.util.List;

/** How many findings there are of each severity, and the score they add up to. */
public record HealthSummary(int critical, int high, int medium, int low) {

    public static final int MAX_SCORE = 100;

    public HealthSummary {
        if (critical < 0 || high < 0 || medium < 0 || low < 0) {
            throw new IllegalArgumentException("finding counts must not be negative");
        }
    }

    public static HealthSummary of(List<Finding> findings) {
        int[] counts = new int[Severity.values().length];
        findings.forEach(f -> counts[f.severity().ordinal()]++);
        return new HealthSummary(
                counts[Severity.CRITICAL.ordinal()],
                counts[Severity.HIGH.ordinal()],
                counts[Severity.MEDIUM.ordinal()],
                counts[Severity.LOW.ordinal()]);
    }

    /** 100 − (15·critical + 5·high + 2·medium + 1·low), clamped to 0..100. */
    public int score() {
        // long: a pathological project cannot overflow its way back to a good score.
        long penalty = (long) critical * Severity.CRITICAL.penalty()
                + (long) high * Severity.HIGH.penalty()
                + (long) medium * Severity.MEDIUM.penalty()
                + (long) low * Severity.LOW.penalty();
        return (int) Math.max(0, MAX_SCORE - penalty);
    }
}
