package io.sdlclens.connection;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A repository as GitHub lists it, in the fields the app shows. */
public record GitHubRepository(
        String fullName,
        String owner,
        String name,
        @JsonProperty("private") boolean isPrivate,
        String defaultBranch,
        String description) {}
