package io.sdlclens.format;

/** Markdown decoration around short values, shared so that status and number parsing agree on it. */
final class Markup {

    private Markup() {}

    /**
     * Strips leading {@code >}, whitespace, {@code *}, {@code _} and backticks, and the same (except
     * {@code >}) at the end, since a closing {@code **} is as much decoration as the opening one:
     * {@code > **Done**} becomes {@code Done}.
     */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == '>' || isEmphasis(text.charAt(start)))) {
            start++;
        }
        while (end > start && isEmphasis(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Whitespace including no-break spaces, which {@link Character#isWhitespace} leaves out. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isEmphasis(char c) {
        return isSpace(c) || c == '*' || c == '_' || c == '`';
    }
}
