package io.sdlclens.source;

import java.util.List;

/**
 * The documents in a commit's tree at a project's {@code repo_path}, by the same rules as a folder walk.
 *
 * @param documents every {@code *.md} blob, depth first, with its path relative to {@code repo_path}
 * @param skippedLinks symbolic links (mode 120000) seen and not followed
 * @param skippedSubmodules submodule entries seen and not followed
 */
public record GitListing(List<Entry> documents, int skippedLinks, int skippedSubmodules) {

    /** A document blob: {@code blobId} changes exactly when the file's bytes change. */
    public record Entry(String relativePath, String blobId) {}

    public GitListing {
        documents = List.copyOf(documents);
    }
}
