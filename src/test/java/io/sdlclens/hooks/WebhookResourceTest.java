package io.sdlclens.hooks;

import static io.restassured.RestAssured.given;
import static io.sdlclens.hooks.Deliveries.githubPush;
import static io.sdlclens.hooks.Deliveries.gitlabPush;
import static io.sdlclens.hooks.Deliveries.post;
import static io.sdlclens.hooks.Deliveries.sign;
import static io.sdlclens.testing.SecuredService.API_TOKEN;
import static io.sdlclens.testing.SecuredService.UNREACHABLE_GIT;
import static io.sdlclens.testing.SecuredService.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.sdlclens.testing.GatedSyncEngine;
import io.sdlclens.testing.SecuredService;
import io.sdlclens.testing.Sql;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the API against the real database: what a delivery starts (the runs it leaves behind), and what
 * it refuses. Deliveries carry no bearer token although the service requires one for writes.
 */
@QuarkusTest
@TestProfile(SecuredService.class)
class WebhookResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long MB = 1024 * 1024;

    @Test
    void aGithubPushStartsASyncOfTheProjectsOnThatRepositoryAndBranchOnly() {
        String repo = repository();
        // registered with a trailing slash: neither of the payload's URLs (with and without .git) is this text
        String onMain = gitProject(repo + "/", "main");
        String onDev = gitProject(repo + ".git", "dev");
        String otherRepo = gitProject(repository(), "main");
        String body = githubPush(repo, "refs/heads/main");

        post("github", Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body)), body)
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("triggered", equalTo(List.of(onMain)))
                .body("queued", empty());

        assertThat(runs(onMain)).isEqualTo(1);
        assertThat(runs(onDev)).isZero();
        assertThat(runs(otherRepo)).isZero();
        assertThat(Sql.value("SELECT run_id FROM project WHERE slug = ?", onMain))
                .isEqualTo(Sql.value(
                        "SELECT r.run_id FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?",
                        onMain));
    }

    @Test
    void aPushToAnotherBranchOrATagStartsNothing() {
        String repo = repository();
        String slug = gitProject(repo, "main");
        for (String ref : new String[] {"refs/heads/feature", "refs/heads/main-2", "refs/tags/main", "main"}) {
            String body = githubPush(repo, ref);
            post("github", Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body)), body)
                    .statusCode(202)
                    .body("triggered", empty())
                    .body("queued", empty());
        }
        assertThat(runs(slug)).isZero();
    }

    @Test
    void aGiteaPushIsAGithubPushUnderItsOwnEventHeader() {
        String repo = repository();
        String slug = gitProject(repo, "docs");
        String body = githubPush(repo, "refs/heads/docs");
        post("github", Map.of("X-Gitea-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body)), body)
                .statusCode(202)
                .body("triggered", equalTo(List.of(slug)));
        assertThat(runs(slug)).isEqualTo(1);
    }

    @Test
    void aBadOrMissingSignatureIs401AndStartsNothing() {
        String repo = repository();
        String slug = gitProject(repo, "main");
        String body = githubPush(repo, "refs/heads/main");
        double before = delivered("github", "bad_signature");
        String[] signatures = {
            sign("another-secret", body),
            sign(WEBHOOK_SECRET, body + " "),
            sign(WEBHOOK_SECRET, body).replace("sha256=", "sha1="),
            sign(WEBHOOK_SECRET, body).substring(0, 40),
            "sha256=zz",
            ""
        };
        for (String signature : signatures) {
            post("github", Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature), body)
                    .statusCode(401)
                    .body("error.code", equalTo("UNAUTHORIZED"))
                    .body("error.message", containsString("X-Hub-Signature-256"))
                    .body("error.message", not(containsString(WEBHOOK_SECRET)));
        }
        post("github", Map.of("X-GitHub-Event", "push"), body)
                .statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        assertThat(runs(slug)).isZero();
        assertThat(delivered("github", "bad_signature")).isEqualTo(before + signatures.length + 1);
    }

    @Test
    void aGitlabPushWithTheTokenStartsASyncAndAWrongTokenIs401() {
        String repo = repository();
        String slug = gitProject(repo, "main");
        String body = gitlabPush(repo, "refs/heads/main");

        for (Map<String, String> headers : List.of(
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET + "x"),
                Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET.substring(1)),
                Map.of("X-Gitlab-Event", "Push Hook"))) {
            post("gitlab", headers, body)
                    .statusCode(401)
                    .body("error.code", equalTo("UNAUTHORIZED"))
                    .body("error.message", containsString("X-Gitlab-Token"));
        }
        assertThat(runs(slug)).isZero();

        post("gitlab", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET), body)
                .statusCode(202)
                .body("triggered", equalTo(List.of(slug)))
                .body("queued", empty());
        assertThat(runs(slug)).isEqualTo(1);

        // GitLab signs a GitHub-style header nowhere: the GitHub hook does not accept a GitLab token
        post("github", Map.of("X-GitHub-Event", "push", "X-Gitlab-Token", WEBHOOK_SECRET), githubPush(repo, "main"))
                .statusCode(401);
        String tag = gitlabPush(repo, "refs/tags/v1").replace("\"push\"", "\"tag_push\"");
        post("gitlab", Map.of("X-Gitlab-Event", "Tag Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET), tag)
                .statusCode(202)
                .body("triggered", empty());
        assertThat(runs(slug)).isEqualTo(1);
    }

    @Test
    void aPushDuringARunningSyncIsQueuedAndStartsExactlyOneFollowUp() throws Exception {
        String repo = repository();
        String slug = gitProject(repo, "main");
        String body = githubPush(repo, "refs/heads/main");
        Map<String, String> headers =
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body));
        try (GatedSyncEngine.Gate gate = GatedSyncEngine.closeProject(slug)) {
            post("github", headers, body).statusCode(202).body("triggered", equalTo(List.of(slug)));
            gate.awaitReached();
            // a burst of pushes while the run is held: all queued, one follow-up between them
            for (int i = 0; i < 3; i++) {
                post("github", headers, body)
                        .statusCode(202)
                        .body("triggered", empty())
                        .body("queued", equalTo(List.of(slug)));
            }
            assertThat(Sql.value("SELECT sync_requested FROM project WHERE slug = ?", slug))
                    .isEqualTo(true);
            gate.open();
        }
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> finishedRuns(slug) == 2
                        && !"syncing".equals(Sql.value("SELECT sync_status FROM project WHERE slug = ?", slug)));
        // a follow-up starts right after the final write: give a wrong extra one the time to show up
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs(slug) == 2);
        assertThat(Sql.value("SELECT sync_requested FROM project WHERE slug = ?", slug))
                .isEqualTo(false);
    }

    @Test
    void bodiesOverOneMegabyteAre413EvenWhereTheServiceTakesLarger() throws Exception {
        double before = delivered("github", "too_large");
        String big = ping((int) MB + 1);
        post("github", Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, big)), big)
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
        HttpResponse<String> chunked = postChunked("/api/v1/hooks/gitlab", ping((int) MB + 1));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("\"PAYLOAD_TOO_LARGE\"");
        assertThat(delivered("github", "too_large")).isEqualTo(before + 1);

        // exactly the limit is accepted
        String limit = ping((int) MB);
        post("github", Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, limit)), limit)
                .statusCode(202);
        HttpResponse<String> chunkedLimit = postChunked("/api/v1/hooks/gitlab", limit);
        assertThat(chunkedLimit.statusCode()).isEqualTo(401);
        // the same size elsewhere is within this service's limit: the webhooks' limit is their own
        given().header("Authorization", "Bearer " + API_TOKEN)
                .contentType(ContentType.JSON)
                .body(big)
                .post("/api/v1/projects")
                .then()
                .statusCode(422);
    }

    @Test
    void otherEventsAreAcceptedAndStartNothing() {
        double before = delivered("github", "ignored");
        String body = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        post("github", Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body)), body)
                .statusCode(202)
                .body("triggered", empty())
                .body("queued", empty());
        String issue = "{\"action\": \"opened\"}";
        post("github", Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, issue)), issue)
                .statusCode(202)
                .body("triggered", empty());
        assertThat(delivered("github", "ignored")).isEqualTo(before + 2);
    }

    @Test
    void aVerifiedPushThatCannotBeReadIs422() {
        double before = delivered("github", "invalid");
        String form = "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%7D";
        for (String body : new String[] {form, "{\"ref\": ", ""}) {
            post("github", Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, body)), body)
                    .statusCode(422)
                    .body("error.code", equalTo("VALIDATION_ERROR"))
                    .body("error.message", containsString("application/json"));
        }
        String noRepository = "{\"ref\": \"refs/heads/main\"}";
        post(
                        "github",
                        Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign(WEBHOOK_SECRET, noRepository)),
                        noRepository)
                .statusCode(422)
                .body("error.message", equalTo("repository.clone_url: missing from the push event"));
        String noRef = "{\"project\": {\"web_url\": \"https://gitlab.com/a/b\"}}";
        post("gitlab", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET), noRef)
                .statusCode(422)
                .body("error.message", equalTo("ref: missing from the push event"));
        assertThat(delivered("github", "invalid")).isEqualTo(before + 4);
    }

    @Test
    void writesOtherThanWebhooksStillNeedTheBearerToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "source_type", "git", "repo_url", repository()))
                .post("/api/v1/projects")
                .then()
                .statusCode(401);
    }

    /** A unique repository URL on a host where nothing listens: a sync of it fails at once. */
    private static String repository() {
        return UNREACHABLE_GIT + "/acme/docs-" + UUID.randomUUID();
    }

    private static String gitProject(String repoUrl, String branch) {
        return given().header("Authorization", "Bearer " + API_TOKEN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Hooked " + UUID.randomUUID(),
                        "source_type",
                        "git",
                        "repo_url",
                        repoUrl,
                        "repo_branch",
                        branch))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    private static long runs(String slug) {
        return (Long) Sql.value(
                "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id WHERE p.slug = ?", slug);
    }

    private static long finishedRuns(String slug) {
        return (Long) Sql.value(
                "SELECT count(*) FROM sync_run r JOIN project p ON p.id = r.project_id"
                        + " WHERE p.slug = ? AND r.status <> 'syncing'",
                slug);
    }

    /** A ping event of exactly {@code size} bytes. */
    private static String ping(int size) {
        String head = "{\"zen\": \"";
        String tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    private static double delivered(String provider, String outcome) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("sdlc_lens_webhook_deliveries_total\\{outcome=\"" + outcome + "\",provider=\""
                        + provider + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        assertThat(line.find())
                .as("counter %s/%s in /q/metrics", provider, outcome)
                .isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static HttpResponse<String> postChunked(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Content-Type", "application/json")
                .header("X-Gitlab-Event", "Push Hook")
                // an unknown length makes the client send the body chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
