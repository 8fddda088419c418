package io.sdlclens.project;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes a project's URL slug from its name, once, at creation. */
public final class Slugs {

    private static final Pattern NON_ASCII = Pattern.compile("[^\\x00-\\x7F]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_]+");
    private static final Pattern OUTSIDE_ALPHABET = Pattern.compile("[^a-z0-9-]");
    private static final Pattern DASH_RUNS = Pattern.compile("-{2,}");

    private Slugs() {}

    /** {@code "Café Déjà"} → {@code "cafe-deja"}; may return an empty string, which callers reject. */
    public static String of(String name) {
        // NFKD splits accented letters into letter + combining mark, so dropping non-ASCII keeps the letter.
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD);
        slug = NON_ASCII.matcher(slug).replaceAll("");
        slug = slug.toLowerCase(Locale.ROOT);
        slug = SEPARATORS.matcher(slug).replaceAll("-");
        slug = OUTSIDE_ALPHABET.matcher(slug).replaceAll("");
        slug = DASH_RUNS.matcher(slug).replaceAll("-");
        return trimDashes(slug);
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
