package io.sdlclens.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one status canonicaliser. Every caller (sync, API filters, health rules) must go through it so that
 * {@code **Done** — shipped}, {@code done} and {@code Done} are the same status everywhere.
 */
public final class StatusVocabulary {

    private record Vocabulary(List<String> tokensLongestFirst, Set<String> terminalKeys) {}

    // Done and Complete are terminal for every type, so every vocabulary recognises them too: a plan marked
    // "done" should be spelled "Done" and counted as finished like everywhere else.
    private static final List<String> ALWAYS = List.of("Done", "Complete");

    private static final String[] CUTS = {" - ", " — ", " – ", " · ", " | ", "("};

    private static final Map<String, Vocabulary> BY_TYPE = new LinkedHashMap<>();
    private static final Vocabulary UNION;

    // The spec's lists, verbatim; "*" marks the terminal (bold) statuses.
    static {
        define("epic", "Draft, Ready, Approved, In Progress, *Done");
        define(
                "story",
                "Proposed, Draft, Ready, Planned, In Progress, Review, Blocked, *Done, *Won't Implement, Deferred,"
                        + " *Superseded");
        define("plan", "Draft, In Progress, *Complete, *Superseded");
        define("bug", "Open, In Progress, *Fixed, *Verified, *Closed, *Won't Fix, *Superseded, inbox");
        define("cr", "Proposed, Approved, In Progress, *Complete, *Rejected, Deferred, *Superseded, Blocked, inbox");
        define("rfc", "Draft, In Review, *Accepted, *Superseded, *Withdrawn, inbox");
        define("test-spec", "Draft, Ready, In Progress, *Complete, *Superseded");
        define(
                "workflow",
                "Created, Planning, Testing, Implementing, Verifying, Reviewing, Checking, *Done, Paused,"
                        + " *Superseded");
        Set<String> tokens = new LinkedHashSet<>();
        Set<String> terminal = new LinkedHashSet<>();
        BY_TYPE.values().forEach(v -> {
            tokens.addAll(v.tokensLongestFirst());
            terminal.addAll(v.terminalKeys());
        });
        UNION = vocabulary(tokens, terminal);
    }

    private StatusVocabulary() {}

    private static void define(String type, String statuses) {
        Set<String> tokens = new LinkedHashSet<>(ALWAYS);
        Set<String> terminal = new LinkedHashSet<>();
        ALWAYS.forEach(t -> terminal.add(key(t)));
        for (String status : statuses.split(",")) {
            String token = status.strip();
            if (token.startsWith("*")) {
                token = token.substring(1);
                terminal.add(key(token));
            }
            tokens.add(token);
        }
        BY_TYPE.put(type, vocabulary(tokens, terminal));
    }

    private static Vocabulary vocabulary(Set<String> tokens, Set<String> terminalKeys) {
        List<String> sorted = new ArrayList<>(tokens);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Vocabulary(List.copyOf(sorted), Set.copyOf(terminalKeys));
    }

    /**
     * The canonical spelling of {@code raw} for a document of {@code type}, or null when it is blank.
     * Unknown statuses survive as written, minus decoration and any trailing explanation.
     */
    public static String canonicalise(String raw, String type) {
        if (raw == null) {
            return null;
        }
        String text = Markup.strip(raw);
        if (text.isEmpty()) {
            return null;
        }
        Vocabulary vocabulary = vocabularyOf(type);
        String match = match(text, vocabulary);
        if (match != null) {
            return match;
        }
        String cut = Markup.strip(text.substring(0, cutIndex(text)));
        if (cut.isEmpty()) {
            // "(draft)" would otherwise lose everything; keep what was written instead of inventing null.
            return text;
        }
        match = match(cut, vocabulary);
        return match != null ? match : cut;
    }

    /** Whether {@code status} (canonicalised first) means the document of {@code type} is finished. */
    public static boolean isTerminal(String status, String type) {
        String canonical = canonicalise(status, type);
        return canonical != null && vocabularyOf(type).terminalKeys().contains(key(canonical));
    }

    private static Vocabulary vocabularyOf(String type) {
        return type == null ? UNION : BY_TYPE.getOrDefault(type, UNION);
    }

    private static String match(String text, Vocabulary vocabulary) {
        String candidate = key(text);
        for (String token : vocabulary.tokensLongestFirst()) {
            String tokenKey = key(token);
            if (candidate.equals(tokenKey) || candidate.startsWith(tokenKey + " ")) {
                return token;
            }
        }
        return null;
    }

    private static int cutIndex(String text) {
        int cut = text.length();
        for (String separator : CUTS) {
            int at = text.indexOf(separator);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut;
    }

    // Case-insensitive, and a typographic apostrophe matches a straight one ("Won’t Fix" is "Won't Fix").
    private static String key(String text) {
        return text.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    }
}
