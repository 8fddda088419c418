package io.sdlclens.format;

import java.util.List;
import java.util.Map;

/**
 * One parsed document. Standard metadata keys become fields; every other key is in {@code metadata}, in
 * document order. Absent values are null; the lists and the map are never null (empty when absent).
 *
 * @param title the first {@code # } heading outside code fences, else the doc id
 * @param body the document without its front matter block and the heading above it
 * @param status canonicalised by {@link StatusVocabulary} for the document's type
 * @param storyPoints the leading whole number of {@code story_points}, else null
 * @param epic the first epic/story id token, normalised ({@code EP0007})
 * @param story the first id token of {@code story}, normalised
 * @param dependsOn every id token of {@code depends_on}, normalised, de-duplicated, in order
 * @param aliases every id token of {@code aliases}, normalised, de-duplicated, in order
 * @param metadata non-standard keys to their trimmed values (possibly empty strings)
 */
public record ParsedDocument(
        String title,
        String body,
        String status,
        String owner,
        String priority,
        Integer storyPoints,
        String epic,
        String story,
        List<String> dependsOn,
        List<String> aliases,
        Map<String, String> metadata) {}
