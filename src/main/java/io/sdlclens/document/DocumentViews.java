package io.sdlclens.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes in which documents are served. */
public final class DocumentViews {

    private DocumentViews() {}

    /** A list item. {@code updatedAt} is the file's modification time. */
    public record Summary(
            String docId,
            String type,
            String title,
            String status,
            String owner,
            String priority,
            Integer storyPoints,
            String epic,
            String story,
            Instant updatedAt) {}

    public record Page(List<Summary> items, long total, int page, int perPage, long pages) {}

    /** One document with its body; {@code metadata} holds the non-standard front-matter keys, or null. */
    public record Detail(
            String docId,
            String type,
            String title,
            String status,
            String owner,
            String priority,
            Integer storyPoints,
            String epic,
            String story,
            Instant updatedAt,
            Map<String, Object> metadata,
            String content,
            String filePath,
            String fileHash,
            Instant syncedAt) {}

    public record Related(String docId, String type, String title, String status) {}

    public record Relations(
            String docId,
            String type,
            String title,
            List<Related> parents,
            List<Related> children,
            List<Related> dependsOn,
            List<Related> dependents) {}
}
