package io.sdlclens.document;

import io.sdlclens.error.ApiException;
import io.sdlclens.format.DocumentIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@ApplicationScoped
public class DocumentService {

    private final DocumentRepository documents;

    public DocumentService(DocumentRepository documents) {
        this.documents = documents;
    }

    public Uni<DocumentViews.Page> list(String slug, DocumentQuery query) {
        return documents
                .list(slug, query)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Project not found"))
                .map(listing -> {
                    long total = listing.total();
                    long pages = (total + query.perPage() - 1) / query.perPage();
                    return new DocumentViews.Page(listing.items(), total, query.page(), query.perPage(), pages);
                });
    }

    public Uni<DocumentViews.Detail> get(String slug, String type, String docId) {
        return projectId(slug)
                .flatMap(projectId -> find(projectId, type, docId))
                .map(DocumentRepository.StoredDocument::detail);
    }

    /**
     * Parents nearest first (the story, then that story's epic; else the document's own epic), the children an
     * epic or story has, what the document depends on (in its own order) and what depends on it.
     */
    public Uni<DocumentViews.Relations> related(String slug, String type, String docId) {
        return projectId(slug)
                .flatMap(projectId -> find(projectId, type, docId).flatMap(document -> {
                    DocumentViews.Detail detail = document.detail();
                    DocumentViews.Related self =
                            new DocumentViews.Related(detail.docId(), detail.type(), detail.title(), detail.status());
                    List<String> refs = document.references();
                    Uni<List<DocumentViews.Related>> children = switch (detail.type()) {
                        case "epic" -> documents.epicChildren(projectId, refs);
                        case "story" -> documents.storyChildren(projectId, refs);
                        default -> Uni.createFrom().item(List.of());
                    };
                    return parents(projectId, detail)
                            .flatMap(parents -> children.flatMap(kids -> resolveAll(projectId, document.dependsOn())
                                    .flatMap(dependsOn -> documents
                                            .dependents(projectId, refs)
                                            .map(dependents -> new DocumentViews.Relations(
                                                    detail.docId(),
                                                    detail.type(),
                                                    detail.title(),
                                                    parents,
                                                    without(kids, self),
                                                    without(dependsOn, self),
                                                    without(dependents, self))))));
                }));
    }

    private Uni<List<DocumentViews.Related>> parents(long projectId, DocumentViews.Detail detail) {
        if (detail.story() == null) {
            return resolve(projectId, detail.epic(), "epic")
                    .map(epic -> epic == null ? List.of() : List.of(epic.document()));
        }
        return resolve(projectId, detail.story(), "story").flatMap(story -> {
            String epicRef = story != null && story.epic() != null ? story.epic() : detail.epic();
            return resolve(projectId, epicRef, "epic").map(epic -> {
                List<DocumentViews.Related> parents = new ArrayList<>();
                if (story != null) {
                    parents.add(story.document());
                }
                if (epic != null && !parents.contains(epic.document())) {
                    parents.add(epic.document());
                }
                return parents;
            });
        });
    }

    private Uni<List<DocumentViews.Related>> resolveAll(long projectId, List<String> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<DocumentRepository.ResolvedReference>> lookups = refs.stream()
                .map(ref -> resolve(projectId, ref, expectedType(ref)))
                .toList();
        // join keeps the order of the references; a reference that names no document is left out
        return Uni.join()
                .all(lookups)
                .andFailFast()
                .map(resolved -> resolved.stream()
                        .filter(Objects::nonNull)
                        .map(DocumentRepository.ResolvedReference::document)
                        .toList());
    }

    private Uni<DocumentRepository.ResolvedReference> resolve(long projectId, String ref, String expectedType) {
        return ref == null ? Uni.createFrom().nullItem() : documents.resolve(projectId, ref, expectedType);
    }

    private static String expectedType(String ref) {
        DocumentIds.IdHead head = DocumentIds.head(ref);
        return head == null ? "" : head.type();
    }

    private static List<DocumentViews.Related> without(List<DocumentViews.Related> list, DocumentViews.Related self) {
        return list.stream()
                .filter(related -> !Objects.equals(related, self))
                .distinct()
                .toList();
    }

    private Uni<DocumentRepository.StoredDocument> find(long projectId, String type, String docId) {
        return documents
                .find(projectId, type, docId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Document not found"));
    }

    private Uni<Long> projectId(String slug) {
        return documents.projectId(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Project not found"));
    }
}
