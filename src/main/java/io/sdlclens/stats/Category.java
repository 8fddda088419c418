package io.sdlclens.stats;

import java.util.Locale;

/** The kind of problem a health rule looks for. */
public enum Category {
    COMPLETENESS,
    CONSISTENCY,
    QUALITY,
    INTEGRITY;

    /** The API spelling: {@code completeness}, {@code consistency}, {@code quality}, {@code integrity}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
