package io.sdlclens.project;

import io.sdlclens.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Field rules of project bodies; every problem found is reported at once, each named by its field. */
final class ProjectRules {

    static final int MAX_NAME_LENGTH = 200;

    private ProjectRules() {}

    static String name(String raw, List<String> problems) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            problems.add("name: must not be blank");
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problems.add("name: must be at most " + MAX_NAME_LENGTH + " characters");
            return null;
        }
        return name;
    }

    static String path(String raw, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add("sdlc_path: must not be blank");
            return null;
        }
        if (raw.indexOf('\0') >= 0) {
            problems.add("sdlc_path: must not contain NUL characters");
            return null;
        }
        return raw;
    }

    static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.validation(String.join("; ", problems));
        }
    }

    /** A valid create request. */
    record NewProject(String name, String slug, String rawPath) {

        static NewProject validate(ProjectRequests.Create request) {
            if (request == null) {
                throw ApiException.validation("body: must be a JSON object with name and sdlc_path");
            }
            List<String> problems = new ArrayList<>();
            String name = ProjectRules.name(request.name(), problems);
            String rawPath = ProjectRules.path(request.sdlcPath(), problems);
            if (request.sourceType() != null && !Project.SOURCE_TYPE_LOCAL.equals(request.sourceType())) {
                problems.add("source_type: must be \"local\"");
            }
            String slug = name == null ? null : Slugs.of(name);
            if (slug != null && slug.isEmpty()) {
                problems.add("name: must contain at least one ASCII letter or digit");
            }
            ProjectRules.failIfAny(problems);
            return new NewProject(name, slug, rawPath);
        }
    }

    /** A valid partial update: null fields are left as they are. */
    record ProjectChange(String name, String rawPath) {

        static ProjectChange validate(ProjectRequests.Update request) {
            if (request == null || (request.name() == null && request.sdlcPath() == null)) {
                throw ApiException.validation("body: must contain at least one of name, sdlc_path");
            }
            List<String> problems = new ArrayList<>();
            String name = request.name() == null ? null : ProjectRules.name(request.name(), problems);
            String rawPath = request.sdlcPath() == null ? null : ProjectRules.path(request.sdlcPath(), problems);
            ProjectRules.failIfAny(problems);
            return new ProjectChange(name, rawPath);
        }
    }
}
