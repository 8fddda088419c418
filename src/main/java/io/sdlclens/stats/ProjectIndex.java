package io.sdlclens.stats;

import io.sdlclens.format.DocumentIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's documents indexed once, so that every rule runs in linear time: by type, by ref id and alias,
 * and each epic's stories.
 *
 * <p>A reference ({@code Epic}/{@code Story} value) <em>matches</em> the documents whose ref id equals it;
 * only when no document has that ref id does it match the documents listing it among their aliases. Aliases
 * exist so that references keep working after a document is renumbered, so they must resolve; but an id
 * that is some document's own id belongs to that document, not to another one's old name.
 */
final class ProjectIndex {

    /** File path first: it is unique within a project, so this order does not depend on the input order. */
    static final Comparator<HealthDocument> CANONICAL_ORDER = Comparator.comparing(HealthDocument::filePath)
            .thenComparing(HealthDocument::docId)
            .thenComparing(HealthDocument::type);

    private final List<HealthDocument> documents;
    private final Map<String, List<HealthDocument>> byType = new HashMap<>();
    private final Map<String, List<HealthDocument>> byRefId = new HashMap<>();
    private final Map<String, List<HealthDocument>> byAlias = new HashMap<>();
    private final Map<HealthDocument, List<HealthDocument>> storiesByEpic = new IdentityHashMap<>();

    ProjectIndex(List<HealthDocument> input) {
        List<HealthDocument> sorted = new ArrayList<>(input);
        sorted.sort(CANONICAL_ORDER);
        this.documents = List.copyOf(sorted);
        for (HealthDocument document : documents) {
            byType.computeIfAbsent(document.type(), t -> new ArrayList<>()).add(document);
            if (document.refId() != null) {
                byRefId.computeIfAbsent(key(document.refId()), k -> new ArrayList<>())
                        .add(document);
            }
            for (String alias : document.aliases()) {
                byAlias.computeIfAbsent(key(alias), k -> new ArrayList<>()).add(document);
            }
        }
        freeze(byType);
        freeze(byRefId);
        freeze(byAlias);
        for (HealthDocument story : ofType(DocTypes.STORY)) {
            for (HealthDocument epic : resolve(story.epic())) {
                storiesByEpic.computeIfAbsent(epic, e -> new ArrayList<>()).add(story);
            }
        }
        freeze(storiesByEpic);
    }

    /** Rules get the index's lists directly; making them immutable keeps one rule from disturbing another. */
    private static <K> void freeze(Map<K, List<HealthDocument>> index) {
        index.replaceAll((key, documents) -> List.copyOf(documents));
    }

    /** Every document, in canonical order. */
    List<HealthDocument> documents() {
        return documents;
    }

    /** The documents of {@code type}, in canonical order. */
    List<HealthDocument> ofType(String type) {
        return byType.getOrDefault(type, List.of());
    }

    boolean hasType(String type) {
        return byType.containsKey(type);
    }

    /** The documents {@code reference} matches (see the class comment); empty for null or an unknown id. */
    List<HealthDocument> resolve(String reference) {
        if (reference == null) {
            return List.of();
        }
        String key = key(reference);
        List<HealthDocument> owners = byRefId.get(key);
        return owners != null ? owners : byAlias.getOrDefault(key, List.of());
    }

    /** The stories whose {@code Epic} matches {@code epic}, in canonical order. */
    List<HealthDocument> storiesOf(HealthDocument epic) {
        return storiesByEpic.getOrDefault(epic, List.of());
    }

    /** The documents that some document of {@code type} names as its {@code Story}. */
    Set<HealthDocument> storiesNamedBy(String type) {
        Set<HealthDocument> named = Collections.newSetFromMap(new IdentityHashMap<>());
        ofType(type).forEach(document -> named.addAll(resolve(document.story())));
        return named;
    }

    /**
     * References arrive normalised from the sync; normalising again through the one id grammar costs little
     * and keeps a hand-built input ({@code us-0001}) matching like a synced one.
     */
    static String key(String reference) {
        return DocumentIds.normalise(reference);
    }
}
