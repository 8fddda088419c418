package io.sdlclens.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds a search snippet from a highlighted body: up to two excerpts of whole words around the first matches.
 * Words are what whitespace separates, so an excerpt never starts or ends inside a token such as
 * {@code <script>} (the highlighter's own fragments start at its word tokens, which cut such tokens apart).
 */
public final class Snippets {

    /** Words per excerpt, and how many of them come before the match. */
    static final int EXCERPT_WORDS = 30;

    static final int WORDS_BEFORE = 8;

    static final int MAX_EXCERPTS = 2;

    static final String EXCERPT_DELIMITER = " … ";

    /**
     * {@code <mark>} and {@code </mark>} written in the document (the word itself possibly highlighted): dropped, so
     * the snippet's own marks are the only ones.
     */
    static final Pattern WRITTEN_MARK = Pattern.compile(
            "<\\s*/?\\s*" + SearchRepository.MARK_START + "?mark" + SearchRepository.MARK_END + "?\\s*>",
            Pattern.CASE_INSENSITIVE);

    /** The same snippet twice: plain text with {@code <mark>} pairs, and safe HTML. */
    public record Snippet(String text, String html) {}

    private Snippets() {}

    /**
     * Words a highlighted prefix must hold past its last excerpt to stand for the whole text: the prefix may end inside
     * a word, or inside a {@code <mark>} written in the document that the whole text would drop.
     */
    static final int PREFIX_MARGIN_WORDS = 4;

    /** {@code highlighted}: text with the repository's match marks and stand-ins for {@code <} and {@code >}. */
    public static Snippet of(String highlighted) {
        if (highlighted == null || highlighted.isEmpty()) {
            return new Snippet("", "");
        }
        String[] words = words(highlighted);
        List<int[]> excerpts = excerpts(words);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (int[] excerpt : excerpts) {
            if (!text.isEmpty()) {
                text.append(EXCERPT_DELIMITER);
                html.append(EXCERPT_DELIMITER);
            }
            append(words, excerpt[0], excerpt[1], text, html);
        }
        return new Snippet(text.toString(), html.toString());
    }

    /**
     * Whether a highlighted prefix of a longer text gives the snippet the whole text would. Its excerpts must end
     * {@link #PREFIX_MARGIN_WORDS} words before it does, and no later match may add one: either it holds all
     * {@link #MAX_EXCERPTS} of them, or it holds every match of the text before those last words.
     *
     * @param sourceMatches how many words of the whole text match, counted from its stored vector; null when unknown.
     *     The highlighter marks a word where the vector holds a position for it, so marks never outnumber it: a
     *     prefix with as many marks holds them all.
     */
    static boolean decidedByPrefix(String highlightedPrefix, Integer sourceMatches) {
        if (highlightedPrefix == null || highlightedPrefix.isEmpty()) {
            return false;
        }
        String[] words = words(highlightedPrefix);
        List<int[]> excerpts = excerpts(words);
        int uncut = words.length - PREFIX_MARGIN_WORDS;
        if (excerpts.get(excerpts.size() - 1)[1] > uncut) {
            return false;
        }
        return excerpts.size() == MAX_EXCERPTS || (sourceMatches != null && marks(words, uncut) >= sourceMatches);
    }

    /** The matches among the first {@code count} words. */
    private static int marks(String[] words, int count) {
        int marks = 0;
        for (int w = 0; w < count; w++) {
            String word = words[w];
            for (int i = 0; i < word.length(); i++) {
                if (word.charAt(i) == SearchRepository.MARK_START) {
                    marks++;
                }
            }
        }
        return marks;
    }

    /**
     * The highlighted text's whitespace-separated words, written marks dropped: {@code strip().split("\\s+")},
     * without the regular expressions, which were most of the service's time in a common word's search.
     */
    static String[] words(String highlighted) {
        String source =
                highlighted.replace(SearchRepository.LESS_THAN, '<').replace(SearchRepository.GREATER_THAN, '>');
        if (source.indexOf('<') >= 0) {
            source = WRITTEN_MARK.matcher(source).replaceAll("");
        }
        source = source.strip();
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < source.length(); i++) {
            if (isSeparator(source.charAt(i))) {
                if (i > start) {
                    words.add(source.substring(start, i));
                }
                start = i + 1;
            }
        }
        words.add(source.substring(start));
        return words.toArray(String[]::new);
    }

    /** What {@code \\s} matches: ASCII whitespace only (strip() has taken any other from the ends). */
    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** The excerpts as word ranges: around the first matches, or the text's first words when none matched. */
    private static List<int[]> excerpts(String[] words) {
        List<int[]> excerpts = new ArrayList<>();
        int from = 0;
        while (excerpts.size() < MAX_EXCERPTS) {
            int hit = nextHit(words, from);
            if (hit < 0) {
                break;
            }
            int start = Math.max(from, hit - WORDS_BEFORE);
            int end = Math.min(words.length, start + EXCERPT_WORDS);
            excerpts.add(new int[] {start, end});
            from = end;
        }
        if (excerpts.isEmpty()) {
            excerpts.add(new int[] {0, Math.min(words.length, EXCERPT_WORDS)});
        }
        return excerpts;
    }

    private static int nextHit(String[] words, int from) {
        for (int i = from; i < words.length; i++) {
            if (words[i].indexOf(SearchRepository.MARK_START) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Appends words [start, end); marks are balanced within the excerpt whatever the input holds. */
    private static void append(String[] words, int start, int end, StringBuilder text, StringBuilder html) {
        boolean open = false;
        for (int w = start; w < end; w++) {
            if (w > start) {
                text.append(' ');
                html.append(' ');
            }
            String word = words[w];
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c == SearchRepository.MARK_START) {
                    if (!open) {
                        text.append("<mark>");
                        html.append("<mark>");
                        open = true;
                    }
                    continue;
                }
                if (c == SearchRepository.MARK_END) {
                    if (open) {
                        text.append("</mark>");
                        html.append("</mark>");
                        open = false;
                    }
                    continue;
                }
                text.append(c);
                switch (c) {
                    case '&' -> html.append("&amp;");
                    case '<' -> html.append("&lt;");
                    case '>' -> html.append("&gt;");
                    case '"' -> html.append("&quot;");
                    case '\'' -> html.append("&#39;");
                    default -> html.append(c);
                }
            }
        }
        if (open) {
            text.append("</mark>");
            html.append("</mark>");
        }
    }
}
