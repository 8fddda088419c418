package io.sdlclens.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A project's configuration, from the {@code .config.yaml} and {@code .version} files at the root of its
 * documents (both YAML): {@code schema_version} and {@code profile} (from {@code .config.yaml}, else from {@code
 * .version}, field by field) and {@code status_vocab: {<type>: [<status>, …]}} (from {@code .config.yaml} only).
 *
 * <p>A pure function of the files' contents ({@link #parse}), so every kind of source (a folder, a git tree) feeds
 * it the same way: it finds the two files, hands over their bytes ({@link Input#of}) or says one could not be read
 * ({@link Input#failed}). Nothing here ever fails a sync: a file that is unreadable, too large, not UTF-8, not
 * YAML or not a mapping counts as empty, and each such problem becomes a warning for the run. A missing file is
 * silent.
 *
 * <p>Values are read as the text the YAML gives ({@code schema_version: 3.10} is {@code "3.10"}, never the number
 * 3.1): no YAML type resolution happens at all, so numbers, dates and booleans stay as written and an alias or tag
 * cannot build anything but strings, lists and maps.
 *
 * @param schemaVersion as written, or null when neither file gives one
 * @param profile as written, or null
 * @param vocabulary the built-in statuses plus the project's {@code status_vocab}
 * @param warnings what a person should fix in the files; empty when nothing is wrong
 */
public record ProjectConfig(String schemaVersion, String profile, StatusVocabulary vocabulary, List<String> warnings) {

    public static final String CONFIG_FILE = ".config.yaml";
    public static final String VERSION_FILE = ".version";

    /** Config files are a few lines; anything larger than this is refused unread, so a huge file costs nothing. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Bounds on values and on {@code status_vocab}, far above any real configuration. */
    static final int MAX_VALUE_LENGTH = 100;

    static final int MAX_STATUSES = 500;

    /** Warnings kept per run; a file broken in many places says so once per kind of problem anyway. */
    static final int MAX_WARNINGS = 20;

    public static final ProjectConfig EMPTY = new ProjectConfig(null, null, StatusVocabulary.builtIn(), List.of());

    public ProjectConfig {
        Objects.requireNonNull(vocabulary, "vocabulary");
        warnings = List.copyOf(warnings);
    }

    /**
     * One config file as a source found it.
     *
     * @param text the decoded content, or null when the file is absent or {@code failure} is set
     * @param failure why the file could not be used (unreadable, too large, not UTF-8), or null
     */
    public record Input(String text, String failure) {

        private static final Input ABSENT = new Input(null, null);

        /** The file does not exist. */
        public static Input absent() {
            return ABSENT;
        }

        /** The file exists but could not be read; {@code reason} says why, without paths outside the project. */
        public static Input failed(String reason) {
            return new Input(null, Objects.requireNonNull(reason, "reason"));
        }

        /** The file's bytes: strict UTF-8 (a leading BOM dropped), at most {@link #MAX_BYTES}. */
        public static Input of(byte[] bytes) {
            if (bytes.length > MAX_BYTES) {
                return failed("is larger than " + (MAX_BYTES / 1024) + " KiB");
            }
            try {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
                return new Input(FrontMatterParser.normalise(text), null);
            } catch (CharacterCodingException e) {
                return failed("is not valid UTF-8");
            }
        }

        boolean isAbsent() {
            return text == null && failure == null;
        }
    }

    /** The configuration the two files give. */
    public static ProjectConfig parse(Input configYaml, Input version) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> config = mapping(CONFIG_FILE, configYaml, warnings);
        Map<String, Object> versionFile = mapping(VERSION_FILE, version, warnings);
        String schemaVersion = scalar(CONFIG_FILE, config, "schema_version", warnings);
        if (schemaVersion == null) {
            schemaVersion = scalar(VERSION_FILE, versionFile, "schema_version", warnings);
        }
        String profile = scalar(CONFIG_FILE, config, "profile", warnings);
        if (profile == null) {
            profile = scalar(VERSION_FILE, versionFile, "profile", warnings);
        }
        StatusVocabulary vocabulary = StatusVocabulary.withCustom(statusVocab(config, warnings));
        List<String> kept = warnings.size() > MAX_WARNINGS ? warnings.subList(0, MAX_WARNINGS) : warnings;
        return new ProjectConfig(schemaVersion, profile, vocabulary, kept);
    }

    /** The top-level mapping of one file; empty (with a warning when it is not merely absent) otherwise. */
    private static Map<String, Object> mapping(String file, Input input, List<String> warnings) {
        if (input == null || input.isAbsent()) {
            return Map.of();
        }
        if (input.failure() != null) {
            warnings.add(file + " " + input.failure() + "; it was ignored");
            return Map.of();
        }
        Object document;
        try {
            document = yaml().load(input.text());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            // Only the position: SnakeYAML's message quotes the file, which may hold anything.
            warnings.add(file + " is not valid YAML"
                    + (mark == null
                            ? ""
                            : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")")
                    + "; it was ignored: fix the YAML syntax");
            return Map.of();
        } catch (YAMLException e) {
            warnings.add(file + " could not be read as YAML (too deep, too many aliases or too long); it was ignored");
            return Map.of();
        }
        if (document == null || (document instanceof String text && isNull(text))) {
            return Map.of(); // an empty file says nothing, which is not a mistake
        }
        if (!(document instanceof Map<?, ?> map)) {
            warnings.add(
                    file + " should be a YAML mapping (key: value lines), not " + kind(document) + "; it was ignored");
            return Map.of();
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key instanceof String name) {
                keyed.put(name.strip().toLowerCase(Locale.ROOT), value);
            }
        });
        return keyed;
    }

    private static String scalar(String file, Map<String, Object> map, String key, List<String> warnings) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            warnings.add(file + ": " + key + " should be a single value, not " + kind(value) + "; it was ignored");
            return null;
        }
        String stripped = text.strip();
        if (isNull(stripped)) {
            return null;
        }
        if (stripped.length() > MAX_VALUE_LENGTH) {
            warnings.add(file + ": " + key + " is longer than " + MAX_VALUE_LENGTH + " characters; it was ignored");
            return null;
        }
        return stripped;
    }

    private static Map<String, List<String>> statusVocab(Map<String, Object> config, List<String> warnings) {
        Object value = config.get("status_vocab");
        if (value == null || (value instanceof String text && isNull(text.strip()))) {
            return Map.of();
        }
        String where = CONFIG_FILE + ": status_vocab";
        if (!(value instanceof Map<?, ?> byType)) {
            warnings.add(where + " should map document types to lists of statuses (story: [Gated, Parked]), not "
                    + kind(value) + "; it was ignored");
            return Map.of();
        }
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<?, ?> entry : byType.entrySet()) {
            if (!(entry.getKey() instanceof String type) || type.isBlank()) {
                warnings.add(where + " has a key that is not a document type; it was ignored");
                continue;
            }
            List<String> ofType = new ArrayList<>();
            for (Object status : items(entry.getValue())) {
                if (!(status instanceof String text)) {
                    warnings.add(where + "." + type.strip() + " should list statuses as plain values, not "
                            + kind(status) + "; that entry was ignored");
                } else if (text.strip().length() > MAX_VALUE_LENGTH) {
                    warnings.add(where + "." + type.strip() + " has a status longer than " + MAX_VALUE_LENGTH
                            + " characters; it was ignored");
                } else if (!isNull(text.strip())) {
                    if (count++ >= MAX_STATUSES) {
                        warnings.add(where + " lists more than " + MAX_STATUSES + " statuses; the rest were ignored");
                        return statuses;
                    }
                    ofType.add(text.strip());
                }
            }
            statuses.merge(type, ofType, (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        return statuses;
    }

    /** A list's items; a single value stands for a list of one ({@code story: Gated}). */
    private static Collection<?> items(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof Collection<?> list ? list : List.of(value);
    }

    private static boolean isNull(String text) {
        return text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null");
    }

    private static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        return "a single value";
    }

    /**
     * A loader that builds only strings, lists and maps (no implicit types, no Java objects), with bounds on
     * size, nesting and aliases so a hostile file cannot exhaust memory or the stack.
     */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new PlainStrings());
    }

    /** Resolves every scalar as a string: the config is read as the text it gives. */
    private static final class PlainStrings extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // none
        }
    }
}
