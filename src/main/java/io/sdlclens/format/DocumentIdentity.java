package io.sdlclens.format;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a document is, inferred from its path alone: {@code type}, {@code docId} and {@code refId} (the
 * normalised id head, null when the file name has none).
 */
public record DocumentIdentity(String type, String docId, String refId) {

    public static final String OTHER = "other";

    private static final Set<String> SINGLETON_STEMS =
            Set.of("prd", "trd", "tsd", "pvd", "personas", "decisions", "constitution", "brand-guide");

    private static final Map<String, String> FOLDER_TYPES = Map.ofEntries(
            Map.entry("epics", "epic"),
            Map.entry("stories", "story"),
            Map.entry("plans", "plan"),
            Map.entry("test-specs", "test-spec"),
            Map.entry("bugs", "bug"),
            Map.entry("change-requests", "cr"),
            Map.entry("rfcs", "rfc"),
            Map.entry("workflows", "workflow"),
            Map.entry("retros", "retro"),
            Map.entry("reviews", "review"),
            Map.entry("decisions", "decision"),
            Map.entry("personas", "persona"),
            Map.entry("product", "pvd"));

    /** Every type inference can produce: the id-head, singleton and folder types, and {@code other}. */
    public static final Set<String> TYPES = allTypes();

    /**
     * Infers the identity of the document at {@code relativePath} (relative to the project root, {@code /}
     * separators). Rules in order: id head in the file name, singleton stem, outermost known folder, else
     * {@code other}.
     */
    public static DocumentIdentity infer(String relativePath) {
        String[] segments = relativePath.split("/");
        String stem = stem(segments[segments.length - 1]);
        if (stem.isEmpty()) {
            throw new IllegalArgumentException("no file name in path: '" + relativePath + "'");
        }

        DocumentIds.IdHead head = DocumentIds.head(stem);
        if (head != null) {
            return new DocumentIdentity(head.type(), stem, head.refId());
        }

        String lowerStem = stem.toLowerCase(Locale.ROOT);
        if (SINGLETON_STEMS.contains(lowerStem)) {
            return new DocumentIdentity(lowerStem, lowerStem, null);
        }

        // Folder names are matched case-insensitively, like prefixes and singleton stems, so that renaming
        // "epics" to "Epics" does not silently retype every document in it.
        for (int i = 0; i < segments.length - 1; i++) {
            String type = FOLDER_TYPES.get(segments[i].toLowerCase(Locale.ROOT));
            if (type != null) {
                return new DocumentIdentity(type, stem, null);
            }
        }
        return new DocumentIdentity(OTHER, stem, null);
    }

    /** The file name without its last extension; a leading dot (".notes.md") is part of the name. */
    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static Set<String> allTypes() {
        Set<String> types = new java.util.TreeSet<>();
        types.addAll(DocumentIds.PREFIX_TYPES.values());
        types.addAll(SINGLETON_STEMS);
        types.addAll(FOLDER_TYPES.values());
        types.add(OTHER);
        return Set.copyOf(types);
    }
}
