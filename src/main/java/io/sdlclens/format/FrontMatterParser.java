package io.sdlclens.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses an sdlc-studio markdown document: blockquote front matter ({@code > **Key:** Value}), or PRD-style
 * plain {@code **Key:** Value} lines at the top when there is no such block, plus title and body.
 *
 * <p>Everything is a single pass over lines with {@code indexOf}/{@code startsWith}; there are no regular
 * expressions, so a huge or hostile file cannot trigger backtracking blow-ups.
 */
public final class FrontMatterParser {

    private static final Set<String> STANDARD_KEYS =
            Set.of("status", "owner", "priority", "story_points", "epic", "story", "depends_on", "aliases");

    private FrontMatterParser() {}

    /** The canonical text form everything is parsed from: no leading BOM, {@code \n} line endings only. */
    public static String normalise(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Parses {@code text}; the identity supplies the type (for status) and the fallback title. */
    public static ParsedDocument parse(String text, DocumentIdentity identity) {
        return parse(text, identity, StatusVocabulary.builtIn());
    }

    /** Parses {@code text}, canonicalising its status with a project's {@code vocabulary}. */
    public static ParsedDocument parse(String text, DocumentIdentity identity, StatusVocabulary vocabulary) {
        String normalised = normalise(text);
        List<String> lines = List.of(normalised.split("\n", -1));

        FrontMatter frontMatter = blockquoteFrontMatter(lines);
        if (frontMatter == null) {
            frontMatter = plainFrontMatter(lines);
        }
        Map<String, String> fields = frontMatter == null ? Map.of() : frontMatter.fields();
        String body = frontMatter == null ? normalised : body(lines, frontMatter);
        String title = title(lines);

        Map<String, String> metadata = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (!STANDARD_KEYS.contains(key)) {
                metadata.put(key, value);
            }
        });
        return new ParsedDocument(
                title != null ? title : identity.docId(),
                body,
                vocabulary.canonical(fields.get("status"), identity.type()),
                blankToNull(fields.get("owner")),
                blankToNull(fields.get("priority")),
                storyPoints(fields.get("story_points")),
                DocumentIds.firstToken(fields.get("epic")),
                DocumentIds.firstToken(fields.get("story")),
                DocumentIds.allTokens(fields.get("depends_on")),
                DocumentIds.allTokens(fields.get("aliases")),
                Collections.unmodifiableMap(metadata));
    }

    /**
     * Normalises a metadata key: trim, drop trailing colons, whitespace runs to {@code _}, lower-case
     * ({@code Story Points} becomes {@code story_points}).
     */
    public static String normaliseKey(String rawKey) {
        String key = rawKey.strip();
        while (key.endsWith(":")) {
            key = key.substring(0, key.length() - 1).strip();
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean inSpace = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Markup.isSpace(c)) {
                if (!inSpace) {
                    out.append('_');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The front matter: its fields (the first occurrence of a key wins, so a repeated key further down cannot
     * override the header) and the line after its last line, where the body starts.
     */
    private record FrontMatter(Map<String, String> fields, int end) {}

    /** A metadata key and where its value starts in the text it was read from. */
    private record Key(String name, int valueStart) {}

    // --- front matter --------------------------------------------------------------------------------

    private static FrontMatter blockquoteFrontMatter(List<String> lines) {
        int start = firstNonPreambleLine(lines);
        if (start >= lines.size() || !isFrontMatterQuote(lines.get(start))) {
            return null;
        }
        int end = start;
        while (end < lines.size() && isFrontMatterQuote(lines.get(end))) {
            end++;
        }

        List<String> keys = new ArrayList<>();
        List<StringBuilder> values = new ArrayList<>();
        for (int i = start; i < end; i++) {
            String content = quoteContent(lines.get(i));
            Key key = key(content, 0);
            if (key != null) {
                keys.add(key.name());
                values.add(new StringBuilder(content.substring(key.valueStart()).strip()));
            } else if (!values.isEmpty() && !content.isEmpty()) {
                StringBuilder previous = values.get(values.size() - 1);
                if (previous.length() > 0) {
                    previous.append(' ');
                }
                previous.append(content);
            }
        }
        // A quote without a single metadata line (an epigraph, a note) is content, not front matter.
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            addWithInlineKeys(fields, keys.get(i), values.get(i).toString());
        }
        return new FrontMatter(fields, end);
    }

    // PRD/TRD style: "**Key:** Value" lines at the top. Blank lines, headings and rules may precede them;
    // once they have started only blank lines may separate them, because a heading opens the body and its
    // section text ("## Overview" then "**Goal:** ...") must not be swallowed as metadata.
    private static FrontMatter plainFrontMatter(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        int end = -1;
        for (int i = firstNonPreambleLine(lines); i < lines.size(); i++) {
            String content = lines.get(i).strip();
            if (content.isEmpty()) {
                continue;
            }
            Key key = key(content, 0);
            if (key == null) {
                break;
            }
            addWithInlineKeys(
                    fields, key.name(), content.substring(key.valueStart()).strip());
            end = i + 1;
        }
        return end < 0 ? null : new FrontMatter(fields, end);
    }

    private static int firstNonPreambleLine(List<String> lines) {
        int i = 0;
        while (i < lines.size() && isPreamble(lines.get(i))) {
            i++;
        }
        return i;
    }

    /** Blank lines, {@code #} headings and {@code ---} rules may precede the front matter. */
    private static boolean isPreamble(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#") || isRule(s);
    }

    private static boolean isRule(String stripped) {
        return stripped.length() >= 3 && stripped.chars().allMatch(c -> c == '-');
    }

    // Nested quotes (">>", "> >") are never front matter: they end the block and stay in the body.
    private static boolean isFrontMatterQuote(String line) {
        String s = line.stripLeading();
        return s.startsWith(">") && !s.substring(1).stripLeading().startsWith(">");
    }

    private static String quoteContent(String line) {
        String s = line.stripLeading();
        return s.substring(1).strip();
    }

    /**
     * Reads the {@code **Key:**} or {@code **Key**:} opening a metadata item at {@code from}; null if there
     * is none. The value is everything after it, so inner colons ({@code http://h:8080/p}) are kept.
     */
    private static Key key(String text, int from) {
        if (!text.startsWith("**", from)) {
            return null;
        }
        int close = text.indexOf("**", from + 2);
        if (close < 0) {
            return null;
        }
        String rawKey = text.substring(from + 2, close);
        int valueStart;
        if (rawKey.endsWith(":")) {
            valueStart = close + 2;
        } else if (text.startsWith(":", close + 2)) {
            valueStart = close + 3;
        } else {
            return null;
        }
        String key = normaliseKey(rawKey);
        return key.isEmpty() ? null : new Key(key, valueStart);
    }

    /** Splits {@code Value · **K:** V | **L:** W} into the value of {@code key} plus each inline key. */
    private static void addWithInlineKeys(Map<String, String> fields, String key, String value) {
        String currentKey = key;
        int valueStart = 0;
        for (int i = 0; i + 5 <= value.length(); i++) {
            if (!isInlineSeparator(value, i)) {
                continue;
            }
            Key inline = key(value, i + 3);
            if (inline != null) {
                fields.putIfAbsent(currentKey, value.substring(valueStart, i).strip());
                currentKey = inline.name();
                valueStart = inline.valueStart();
                i = valueStart - 1;
            }
        }
        fields.putIfAbsent(currentKey, value.substring(valueStart).strip());
    }

    // " · **" or " | **" (the start of an inline key).
    private static boolean isInlineSeparator(String value, int i) {
        char marker = value.charAt(i + 1);
        return value.charAt(i) == ' ' && (marker == '·' || marker == '|') && value.startsWith(" **", i + 2);
    }

    // --- body and title ------------------------------------------------------------------------------

    /** The lines after the front matter, without leading blank lines. */
    private static String body(List<String> lines, FrontMatter frontMatter) {
        int start = frontMatter.end();
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        return String.join("\n", lines.subList(start, lines.size()));
    }

    /** The text of the first {@code # } heading outside fenced code blocks, or null. */
    private static String title(List<String> lines) {
        char fence = 0;
        int fenceLength = 0;
        for (String line : lines) {
            String s = line.stripLeading();
            int run = fenceRun(s);
            if (fence == 0) {
                if (run >= 3) {
                    fence = s.charAt(0);
                    fenceLength = run;
                } else if (s.startsWith("# ") || s.startsWith("#\t")) {
                    String title = headingText(s.substring(2));
                    if (!title.isEmpty()) {
                        return title;
                    }
                }
            } else if (run >= fenceLength
                    && s.charAt(0) == fence
                    && s.substring(run).isBlank()) {
                fence = 0;
            }
        }
        return null;
    }

    /** Length of the run of {@code `} or {@code ~} that starts {@code s}. */
    private static int fenceRun(String s) {
        if (s.isEmpty() || (s.charAt(0) != '`' && s.charAt(0) != '~')) {
            return 0;
        }
        int run = 1;
        while (run < s.length() && s.charAt(run) == s.charAt(0)) {
            run++;
        }
        return run;
    }

    // Drops an optional closing "#" sequence ("# Title ##"), which is markdown syntax, not title text.
    private static String headingText(String text) {
        String s = text.strip();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0 || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t') {
            s = s.substring(0, end).strip();
        }
        return s;
    }

    // --- values --------------------------------------------------------------------------------------

    // Lenient on purpose: "5", " 5 ", "**5**" and "5 points" all mean 5. Anything that does not start with a
    // whole number standing on its own ("TBD", "3.5", "5pts", "~5") is null rather than a guess.
    private static Integer storyPoints(String value) {
        if (value == null) {
            return null;
        }
        String s = Markup.strip(value);
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9 || (digits < s.length() && !Markup.isSpace(s.charAt(digits)))) {
            return null;
        }
        return Integer.valueOf(s.substring(0, digits));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
