package io.sdlclens.hooks;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook deliveries as GitHub, Gitea and GitLab send them: raw JSON bytes and their headers, no bearer token. */
final class Deliveries {

    private Deliveries() {}

    /** {@code sha256=} and the hex HMAC-SHA256 of the body, computed here, independently of the service. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse post(String provider, Map<String, String> headers, String body) {
        return given().headers(headers)
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/hooks/" + provider)
                .then();
    }

    /** A GitHub push event of {@code repo} (its https URL without {@code .git}) to {@code ref}. */
    static String githubPush(String repo, String ref) {
        String name = repo.substring(repo.lastIndexOf('/') + 1);
        return """
                {"ref": "%s", "before": "0000000000000000000000000000000000000000",
                 "after": "9f5ab6bdbf2e1a4b3d3b1e7b24a1c3c5a3f0b1d2",
                 "repository": {"name": "%s", "full_name": "acme/%s", "html_url": "%s",
                                "clone_url": "%s.git", "ssh_url": "git@example.invalid:acme/%s.git"},
                 "pusher": {"name": "octocat"}, "commits": []}
                """.formatted(ref, name, name, repo, repo, name);
    }

    /** A GitLab push event of {@code repo} to {@code ref}. */
    static String gitlabPush(String repo, String ref) {
        return """
                {"object_kind": "push", "event_name": "push", "ref": "%s",
                 "checkout_sha": "9f5ab6bdbf2e1a4b3d3b1e7b24a1c3c5a3f0b1d2",
                 "project": {"name": "docs", "web_url": "%s", "git_http_url": "%s.git",
                             "git_ssh_url": "git@example.invalid:acme/docs.git"},
                 "commits": [], "total_commits_count": 0}
                """.formatted(ref, repo, repo);
    }
}
