package io.sdlclens.stats;

import io.sdlclens.format.StatusVocabulary;
import java.util.Map;
import java.util.TreeMap;

/** Documents counted by type and status, with the story counts that completion is computed from. */
final class DocumentTally {

    /** The key under which documents without a status are counted. */
    static final String NO_STATUS_KEY = "null";

    private final Map<String, Long> byType = new TreeMap<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private long total;
    private long stories;
    private long terminalStories;

    void add(String type, String status, long documents) {
        total += documents;
        byType.merge(type, documents, Long::sum);
        byStatus.merge(status == null ? NO_STATUS_KEY : status, documents, Long::sum);
        if ("story".equals(type)) {
            stories += documents;
            if (status != null && StatusVocabulary.isTerminal(status, type)) {
                terminalStories += documents;
            }
        }
    }

    void addAll(DocumentTally other) {
        other.byType.forEach((type, count) -> byType.merge(type, count, Long::sum));
        other.byStatus.forEach((status, count) -> byStatus.merge(status, count, Long::sum));
        total += other.total;
        stories += other.stories;
        terminalStories += other.terminalStories;
    }

    long total() {
        return total;
    }

    Map<String, Long> byType() {
        return byType;
    }

    Map<String, Long> byStatus() {
        return byStatus;
    }

    /** Terminal stories over stories, as a percentage with one decimal; 0.0 without stories. */
    double completionPercentage() {
        return stories == 0 ? 0.0 : Math.round(terminalStories * 1000.0 / stories) / 10.0;
    }
}
