package io.sdlclens.stats;

import java.util.Objects;

/** A document named by a finding, as the API lists it: {@code {doc_id, doc_type, title}}. */
public record AffectedDocument(String docId, String docType, String title) {

    public AffectedDocument {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(docType, "docType");
        Objects.requireNonNull(title, "title");
    }

    static AffectedDocument of(HealthDocument document) {
        return new AffectedDocument(document.docId(), document.type(), document.title());
    }
}
