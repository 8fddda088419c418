package io.sdlclens.stats;

import io.sdlclens.format.StatusVocabulary;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One stored document as the health rules see it. Blank optional strings are read as absent (null), so a
 * caller need not tell {@code ""} from null.
 *
 * @param status the canonical status (as stored by the sync), or null
 * @param epic the normalised ref id the {@code Epic} key names ({@code EP0001}), or null
 * @param story the normalised ref id the {@code Story} key names ({@code US0001}), or null
 * @param refId the document's own normalised id head ({@code US0001}), or null when its file name has none
 * @param aliases other normalised ids the document answers to (its {@code Aliases} key); never null
 * @param filePath relative to the project folder, {@code /}-separated ({@code reviews/x/EP0001-a.md})
 * @param contentLength length of the body after trimming
 * @param contentChangedAt when the document's content last changed, as the sync stored it ({@code
 *     document.modified_at}): for a folder the file's modification time; a git source fills it with the commit
 *     time of the last change it saw, so the health rules never ask which kind of source a project has
 */
public record HealthDocument(
        String docId,
        String type,
        String title,
        String status,
        String owner,
        String priority,
        Integer storyPoints,
        String epic,
        String story,
        String refId,
        List<String> aliases,
        String filePath,
        int contentLength,
        Instant contentChangedAt) {

    /** Types whose documents record something that happened; the status and orphan rules leave them alone. */
    public static final Set<String> RECORD_TYPES = Set.of("retro", "review", "decision", "persona", "personas", "pvd");

    private static final String REVIEWS_FOLDER = "reviews/";

    public HealthDocument {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(filePath, "filePath");
        Objects.requireNonNull(contentChangedAt, "contentChangedAt");
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength must not be negative: " + contentLength);
        }
        title = isBlank(title) ? docId : title;
        status = blankToNull(status);
        owner = blankToNull(owner);
        priority = blankToNull(priority);
        epic = blankToNull(epic);
        story = blankToNull(story);
        refId = blankToNull(refId);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Archived: the doc id starts with {@code _}. */
    public boolean isArchive() {
        return docId.startsWith("_");
    }

    /** A record type (retro, review, decision, persona, personas, pvd). */
    public boolean isRecord() {
        return RECORD_TYPES.contains(type);
    }

    /** Finished for its type, as {@link StatusVocabulary#isTerminal} decides; no status is not finished. */
    public boolean isTerminal() {
        return StatusVocabulary.isTerminal(status, type);
    }

    /**
     * Inside the project's top-level {@code reviews/} folder, where review snapshots of epics and stories
     * live. Folder names are matched case-insensitively, as identity inference matches them.
     */
    public boolean isUnderReviews() {
        return filePath.regionMatches(true, 0, REVIEWS_FOLDER, 0, REVIEWS_FOLDER.length());
    }

    /** A test-spec for a whole epic: Epic set, Story empty. */
    public boolean isEpicLevelTestSpec() {
        return type.equals(DocTypes.TEST_SPEC) && epic != null && story == null;
    }

    public boolean isOfType(String documentType) {
        return type.equals(documentType);
    }

    /**
     * The id other documents would use to name this one: its ref id, else its first alias, else null (the
     * file name has no id head, so nothing can reference it).
     */
    public String referenceId() {
        if (refId != null) {
            return refId;
        }
        return aliases.isEmpty() ? null : aliases.get(0);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
