package io.sdlclens.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one status canonicaliser. Every caller (sync, API filters, health rules) must go through it so that
 * {@code **Done** — shipped}, {@code done} and {@code Done} are the same status everywhere.
 *
 * <p>The static methods use the built-in vocabulary of {@code SDLC-FORMAT.md}. A project's {@code status_vocab}
 * ({@link #withCustom}) adds statuses per type that canonicalise to their own spelling, matched exactly like the
 * built-in tokens (longest first, case-insensitively); it never changes a built-in one: a custom status equal to a
 * built-in one (ignoring case) keeps the built-in spelling, so {@code done} stays {@code Done} and stays finished.
 * Custom statuses are never terminal, as the config has no way to say a status means finished; a project that
 * wants one counted as finished uses the built-in spelling.
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

    private static final StatusVocabulary BUILT_IN = new StatusVocabulary(Map.of(), Map.of(), "");

    /** Vocabularies of the types the project extends (built-in tokens plus its own); other types use the built-in. */
    private final Map<String, Vocabulary> extendedByType;

    private final Map<String, List<String>> customStatuses;
    private final String fingerprint;

    private StatusVocabulary(
            Map<String, Vocabulary> extendedByType, Map<String, List<String>> customStatuses, String fingerprint) {
        this.extendedByType = extendedByType;
        this.customStatuses = customStatuses;
        this.fingerprint = fingerprint;
    }

    /** The vocabulary of {@code SDLC-FORMAT.md}, without project-defined statuses. */
    public static StatusVocabulary builtIn() {
        return BUILT_IN;
    }

    /**
     * The built-in vocabulary plus project-defined statuses, by document type ({@code story}, {@code bug}, …;
     * matched lower-case). Blank statuses, duplicates and statuses the type already knows are dropped, so the
     * result holds only what actually changes canonicalisation.
     */
    public static StatusVocabulary withCustom(Map<String, ? extends Collection<String>> statusesByType) {
        Map<String, List<String>> added = new TreeMap<>();
        statusesByType.forEach((rawType, statuses) -> {
            String type = rawType == null ? "" : rawType.strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || statuses == null) {
                return;
            }
            Vocabulary base = builtInVocabularyOf(type);
            Set<String> known = new HashSet<>();
            base.tokensLongestFirst().forEach(t -> known.add(key(t)));
            added.getOrDefault(type, List.of()).forEach(t -> known.add(key(t)));
            List<String> fresh = new ArrayList<>(added.getOrDefault(type, List.of()));
            for (String status : statuses) {
                String token = status == null ? "" : Markup.strip(status);
                if (!token.isEmpty() && known.add(key(token))) {
                    fresh.add(token);
                }
            }
            if (!fresh.isEmpty()) {
                added.put(type, List.copyOf(fresh));
            }
        });
        if (added.isEmpty()) {
            return BUILT_IN;
        }
        Map<String, Vocabulary> extended = new LinkedHashMap<>();
        added.forEach((type, statuses) -> {
            Vocabulary base = builtInVocabularyOf(type);
            Set<String> tokens = new LinkedHashSet<>(base.tokensLongestFirst());
            tokens.addAll(statuses);
            extended.put(type, vocabulary(tokens, base.terminalKeys()));
        });
        return new StatusVocabulary(Map.copyOf(extended), Map.copyOf(added), fingerprintOf(added));
    }

    /** The project-defined statuses this vocabulary adds, by type (empty for the built-in one). */
    public Map<String, List<String>> customStatuses() {
        return customStatuses;
    }

    /**
     * Identifies what this vocabulary adds: {@code ""} for the built-in vocabulary, else a sha-256 over the
     * added statuses (types in order, statuses as given). Stored with each document, it tells a document parsed
     * under another vocabulary from a current one.
     */
    public String fingerprint() {
        return fingerprint;
    }

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
        return BUILT_IN.canonical(raw, type);
    }

    /** Whether {@code status} (canonicalised first) means the document of {@code type} is finished. */
    public static boolean isTerminal(String status, String type) {
        return BUILT_IN.terminal(status, type);
    }

    /** {@link #canonicalise}, with this vocabulary's project-defined statuses recognised too. */
    public String canonical(String raw, String type) {
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

    /** {@link #isTerminal}, with this vocabulary's project-defined statuses recognised (and never terminal). */
    public boolean terminal(String status, String type) {
        String canonical = canonical(status, type);
        return canonical != null && vocabularyOf(type).terminalKeys().contains(key(canonical));
    }

    private Vocabulary vocabularyOf(String type) {
        Vocabulary extended = type == null ? null : extendedByType.get(type);
        return extended != null ? extended : builtInVocabularyOf(type);
    }

    private static Vocabulary builtInVocabularyOf(String type) {
        return type == null ? UNION : BY_TYPE.getOrDefault(type, UNION);
    }

    private static String fingerprintOf(Map<String, List<String>> added) {
        StringBuilder text = new StringBuilder();
        added.forEach((type, statuses) -> {
            text.append(type).append('\n');
            statuses.forEach(status -> text.append('\t').append(status).append('\n'));
        });
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
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
