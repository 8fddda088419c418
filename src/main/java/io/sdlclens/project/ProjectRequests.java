package io.sdlclens.project;

/** Request bodies of the project endpoints. Absent and JSON-null fields are both null. */
public final class ProjectRequests {

    private ProjectRequests() {}

    public record Create(String name, String sdlcPath, String sourceType) {}

    public record Update(String name, String sdlcPath) {}
}
