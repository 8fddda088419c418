package io.sdlclens.error;

import java.util.Set;

/** Parses query parameters; a bad value is a 422 that names the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /** A whole number ≥ {@code min}, or {@code fallback} when absent; larger than {@code cap} is capped. */
    public static int wholeNumber(String name, String raw, int fallback, int min, int cap) {
        if (raw == null) {
            return fallback;
        }
        String digits = raw.strip();
        if (digits.matches("[0-9]{1,1000}")) {
            // any number of digits is a valid "large" value: compare without overflowing
            java.math.BigInteger value = new java.math.BigInteger(digits);
            if (value.compareTo(java.math.BigInteger.valueOf(min)) >= 0) {
                return value.min(java.math.BigInteger.valueOf(cap)).intValue();
            }
        }
        throw ApiException.validation("%s: must be a whole number of at least %d".formatted(name, min));
    }

    /** A whole number within {@code min..max}; outside it is a 422, not capped. */
    public static int boundedNumber(String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation("%s: must be a whole number from %d to %d".formatted(name, min, max));
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public static String oneOf(String name, String raw, String fallback, Set<String> allowed) {
        if (raw == null) {
            return fallback;
        }
        if (!allowed.contains(raw)) {
            throw ApiException.validation(
                    "%s: must be one of %s".formatted(name, String.join(", ", new java.util.TreeSet<>(allowed))));
        }
        return raw;
    }

    /** Present values must not be blank. */
    public static String notBlank(String name, String raw) {
        if (raw != null && raw.isBlank()) {
            throw ApiException.validation(name + ": must not be blank");
        }
        return raw;
    }
}
