package io.sdlclens.project;

import io.sdlclens.error.ApiException;
import io.sdlclens.source.GitSourceException;
import io.sdlclens.source.GitUrlPolicy;
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

    /**
     * Where a project's documents come from, as the project will be after the request: the one check of the
     * source fields, run for a create and for the merged result of a PUT alike. {@code rawPath} is still to be
     * resolved (local only); {@code repoUrl} is the URL the policy accepted.
     */
    record Source(
            String sourceType,
            String rawPath,
            String repoUrl,
            String repoBranch,
            String repoPath,
            Long connectionId,
            boolean autoSync) {

        static Source validate(Source merged, GitUrlPolicy urls, List<String> problems) {
            String type = merged.sourceType() == null ? Project.SOURCE_TYPE_LOCAL : merged.sourceType();
            if (!Project.SOURCE_TYPES.contains(type)) {
                problems.add("source_type: must be one of local, git, github");
                return null;
            }
            if (Project.SOURCE_TYPE_LOCAL.equals(type)) {
                String rawPath = ProjectRules.path(merged.rawPath(), problems);
                if (merged.connectionId() != null) {
                    problems.add("connection_id: only a github project fetches with a connection");
                }
                return new Source(
                        type,
                        rawPath,
                        // a folder has no repository; what a client sent for one is not kept
                        null,
                        ProjectRules.branch(merged.repoBranch(), problems),
                        ProjectRules.repoPath(merged.repoPath(), problems),
                        null,
                        merged.autoSync());
            }
            String url = null;
            if (merged.repoUrl() == null || merged.repoUrl().isBlank()) {
                problems.add("repo_url: must not be blank for a " + type + " project");
            } else {
                try {
                    url = urls.check(merged.repoUrl().strip()).toString();
                } catch (GitSourceException refused) {
                    problems.add("repo_url: " + refused.getMessage());
                }
            }
            if (merged.connectionId() != null && !Project.SOURCE_TYPE_GITHUB.equals(type)) {
                problems.add("connection_id: only a github project fetches with a connection (send null to detach it)");
            }
            return new Source(
                    type,
                    null,
                    url,
                    ProjectRules.branch(merged.repoBranch(), problems),
                    ProjectRules.repoPath(merged.repoPath(), problems),
                    merged.connectionId(),
                    merged.autoSync());
        }

        boolean local() {
            return Project.SOURCE_TYPE_LOCAL.equals(sourceType);
        }
    }

    static String branch(String raw, List<String> problems) {
        if (raw == null) {
            return Project.DEFAULT_BRANCH;
        }
        String branch = raw.strip();
        if (branch.isEmpty() || branch.indexOf('\0') >= 0 || branch.startsWith("-") || branch.contains("..")) {
            problems.add("repo_branch: must be a branch name such as main");
            return null;
        }
        return branch;
    }

    /** The folder inside the repository, without leading or trailing slashes; "" is the repository root. */
    static String repoPath(String raw, List<String> problems) {
        if (raw == null) {
            return Project.DEFAULT_REPO_PATH;
        }
        String path = raw.strip().replaceAll("^/+|/+$", "");
        if (path.equals(".")) {
            return "";
        }
        for (String segment : path.split("/", -1)) {
            if (!path.isEmpty() && (segment.isEmpty() || segment.equals("..") || segment.equals("."))) {
                problems.add("repo_path: must be a folder inside the repository such as sdlc-studio (\".\" or empty"
                        + " for its root), without \"..\"");
                return null;
            }
        }
        if (path.indexOf('\0') >= 0) {
            problems.add("repo_path: must not contain NUL characters");
            return null;
        }
        return path;
    }

    static String token(String raw, List<String> problems) {
        if (raw != null && raw.isBlank()) {
            problems.add("access_token: must not be blank (send null to remove the token)");
            return null;
        }
        return raw == null ? null : raw.strip();
    }

    /** A valid create request. */
    record NewProject(String name, String slug, Source source, String accessToken) {

        static NewProject validate(ProjectRequests.Create request, GitUrlPolicy urls) {
            if (request == null) {
                throw ApiException.validation("body: must be a JSON object with name and sdlc_path (or repo_url)");
            }
            List<String> problems = new ArrayList<>();
            String name = ProjectRules.name(request.name(), problems);
            Source source = Source.validate(
                    new Source(
                            request.sourceType(),
                            request.sdlcPath(),
                            request.repoUrl(),
                            request.repoBranch(),
                            request.repoPath(),
                            request.connectionId(),
                            Boolean.TRUE.equals(request.autoSync())),
                    urls,
                    problems);
            String token = ProjectRules.token(request.accessToken(), problems);
            String slug = name == null ? null : Slugs.of(name);
            if (slug != null && slug.isEmpty()) {
                problems.add("name: must contain at least one ASCII letter or digit");
            }
            ProjectRules.failIfAny(problems);
            return new NewProject(name, slug, source, token);
        }
    }

    /** A PUT applied to the stored project: the fields sent over the stored ones, validated as a whole. */
    record ProjectChange(String name, Source source, boolean tokenSent, String accessToken) {

        static void validateShape(ProjectRequests.Update request) {
            if (request == null || request.isEmpty()) {
                throw ApiException.validation("body: must contain at least one of name, sdlc_path, source_type,"
                        + " repo_url, repo_branch, repo_path, connection_id, access_token, auto_sync");
            }
        }

        static ProjectChange validate(ProjectRequests.Update request, Project current, GitUrlPolicy urls) {
            validateShape(request);
            List<String> problems = new ArrayList<>();
            String name = request.name() == null ? null : ProjectRules.name(request.name(), problems);
            Source source = Source.validate(
                    new Source(
                            request.sourceType() != null ? request.sourceType() : current.sourceType,
                            request.sdlcPath() != null ? request.sdlcPath() : current.sdlcPath,
                            request.repoUrl() != null ? request.repoUrl() : current.repoUrl,
                            request.repoBranch() != null ? request.repoBranch() : current.repoBranch,
                            request.repoPath() != null ? request.repoPath() : current.repoPath,
                            request.connectionIdSent() ? request.connectionId() : current.connectionId,
                            request.autoSync() != null ? request.autoSync() : current.autoSync),
                    urls,
                    problems);
            String token = request.accessTokenSent() ? ProjectRules.token(request.accessToken(), problems) : null;
            ProjectRules.failIfAny(problems);
            return new ProjectChange(name, source, request.accessTokenSent(), token);
        }
    }
}
