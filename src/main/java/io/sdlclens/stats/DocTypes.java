package io.sdlclens.stats;

import java.util.Map;

/** The document types the rules single out, and how messages name them. */
final class DocTypes {

    static final String PRD = "prd";
    static final String TRD = "trd";
    static final String EPIC = "epic";
    static final String STORY = "story";
    static final String PLAN = "plan";
    static final String TEST_SPEC = "test-spec";
    static final String BUG = "bug";
    static final String CR = "cr";
    static final String RFC = "rfc";

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(PRD, "PRD"),
            Map.entry(TRD, "TRD"),
            Map.entry("tsd", "TSD"),
            Map.entry("pvd", "PVD"),
            Map.entry(EPIC, "Epic"),
            Map.entry(STORY, "Story"),
            Map.entry(PLAN, "Plan"),
            Map.entry(TEST_SPEC, "Test spec"),
            Map.entry(BUG, "Bug"),
            Map.entry(CR, "Change request"),
            Map.entry(RFC, "RFC"),
            Map.entry("workflow", "Workflow"),
            Map.entry("retro", "Retro"),
            Map.entry("review", "Review"),
            Map.entry("decision", "Decision"),
            Map.entry("decisions", "Decisions"),
            Map.entry("persona", "Persona"),
            Map.entry("personas", "Personas"),
            Map.entry("constitution", "Constitution"),
            Map.entry("brand-guide", "Brand guide"));

    private DocTypes() {}

    /** "Story US0003-login": how a message names a document. */
    static String describe(HealthDocument document) {
        return LABELS.getOrDefault(document.type(), "Document") + " " + document.docId();
    }
}
