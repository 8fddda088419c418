package io.sdlclens.format;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows the document id grammar: the id head of a file name and the id tokens inside
 * metadata values ({@code epic}, {@code story}, {@code depends_on}, {@code aliases}).
 *
 * <p>Grammar: a prefix of letters, then either {@code -} and 8+ Crockford base32 characters with at least
 * one digit (ULID style, {@code US-01JQK3F8}) or an optional {@code -} and 4+ digits ({@code US0001},
 * {@code CR-0003}). Only the known prefixes count. An id must stand on its own: it may not be glued to
 * letters or digits on either side, so the prefix is always the whole letter run ({@code EPIC0001} has the
 * unknown prefix {@code EPIC}) and {@code US0001a} or {@code XUS0001} are not ids.
 */
public final class DocumentIds {

    /** Known prefixes (upper-case) to document types. */
    public static final Map<String, String> PREFIX_TYPES = Map.of(
            "EP", "epic",
            "US", "story",
            "PL", "plan",
            "TS", "test-spec",
            "BG", "bug",
            "CR", "cr",
            "RFC", "rfc",
            "WF", "workflow",
            "RETRO", "retro",
            "RV", "review");

    // Crockford base32 leaves out I, L, O and U. The lookahead demands a digit inside the run so that
    // words such as "PL-answered" are not mistaken for ULIDs. Each quantifier is followed by a character
    // it cannot match, so a failed attempt backtracks at most linearly: no catastrophic patterns.
    private static final String CROCKFORD = "[0-9A-HJKMNP-TV-Z]";
    private static final Pattern ID = Pattern.compile(
            "(?<![A-Z0-9])(?<prefix>[A-Z]+)(?:-(?=" + CROCKFORD + "*[0-9])" + CROCKFORD
                    + "{8,}|-?[0-9]{4,})(?![A-Z0-9])",
            Pattern.CASE_INSENSITIVE);

    private DocumentIds() {}

    /** An id head found at the start of a file stem: its text as written and the type its prefix gives. */
    public record IdHead(String text, String type) {
        public String refId() {
            return normalise(text);
        }
    }

    /** The id head at the start of {@code stem}, or null. Prefixes are case-insensitive in file names. */
    public static IdHead head(String stem) {
        Matcher m = ID.matcher(stem);
        if (!m.lookingAt()) {
            return null;
        }
        String type = PREFIX_TYPES.get(m.group("prefix").toUpperCase(Locale.ROOT));
        return type == null ? null : new IdHead(m.group(), type);
    }

    /**
     * The ref id form of an id: every non-alphanumeric character removed, upper-cased ({@code US-01JQK3F8}
     * becomes {@code US01JQK3F8}).
     */
    public static String normalise(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The first id token in a metadata value, normalised, or null when there is none ({@code TBD}, {@code -},
     * empty). Used for {@code epic} and {@code story}.
     */
    public static String firstToken(String value) {
        List<String> tokens = scan(value, 1);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    /** Every id token in a metadata value, normalised, de-duplicated, in order of first appearance. */
    public static List<String> allTokens(String value) {
        return scan(value, Integer.MAX_VALUE);
    }

    // Tokens are found anywhere in the value, link targets included ("[Sync](../epics/EP0007-x.md)"), but
    // unlike file names the prefix must be written in upper case: that keeps ordinary words and lower-case
    // file paths from turning into references.
    private static List<String> scan(String value, int limit) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ID.matcher(value);
        while (found.size() < limit && m.find()) {
            String prefix = m.group("prefix");
            if (PREFIX_TYPES.containsKey(prefix)) {
                found.add(normalise(m.group()));
            }
        }
        return List.copyOf(found);
    }
}
