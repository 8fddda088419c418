package io.sdlclens.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.sdlclens.testing.GitHubStandIn;
import io.sdlclens.testing.Sql;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Settings page's flows against the GitHub stand-in, through the API, with the rows checked. */
@QuarkusTest
class ConnectionResourceTest {

    @Inject
    GitHubClient client;

    static String newToken() {
        return "ghp_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    static long save(String label, String token) {
        return post("/api/v1/connections", Map.of("label", label, "access_token", token))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static void assertError(Response response, int status, String code) {
        response.then().statusCode(status).contentType(ContentType.JSON).body("error.code", equalTo(code));
    }

    /** No column of any connection or project row holds the token in plain text. */
    static void assertNotStoredInPlain(String token) {
        for (String table : List.of("connection", "project")) {
            for (Map<String, Object> row : Sql.rows("SELECT * FROM " + table)) {
                for (Object value : row.values()) {
                    String text = value instanceof byte[] bytes
                            ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : String.valueOf(value);
                    assertThat(text).doesNotContain(token).doesNotContain(token.substring(4));
                }
            }
        }
    }

    @Test
    void savingAConnectionChecksTheTokenWithGitHubAndStoresItEncrypted() {
        String token = newToken();
        GitHubStandIn.account(token, "octocat");
        String label = unique("work");

        Response saved = post("/api/v1/connections", Map.of("label", label, "access_token", token));

        saved.then()
                .statusCode(201)
                .body("label", equalTo(label))
                .body("login", equalTo("octocat"))
                .body("masked_token", equalTo("****" + token.substring(token.length() - 4)))
                .body("created_at", notNullValue())
                .body("last_validated_at", notNullValue());
        assertThat(saved.asString()).doesNotContain(token);
        long id = saved.jsonPath().getLong("id");
        assertThat(GitHubStandIn.requestsWith(token))
                .extracting(GitHubStandIn.Recorded::path)
                .containsExactly("/user");
        assertNotStoredInPlain(token);
        assertThat(Sql.value("SELECT length(token_ciphertext) FROM connection WHERE id = ?", id))
                .isEqualTo(12 + token.length() + 16);

        String listed = given().get("/api/v1/connections")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listed).doesNotContain(token);
        assertThat(JsonPath.from(listed).getList("findAll { it.id == " + id + " }.login"))
                .containsExactly("octocat");
    }

    @Test
    void aTokenGitHubRefusesIsInvalidTokenAndNothingIsStored() {
        String label = unique("revoked");
        Response refused = post("/api/v1/connections", Map.of("label", label, "access_token", newToken()));

        assertError(refused, 401, "INVALID_TOKEN");
        assertThat(Sql.value("SELECT count(*) FROM connection WHERE label = ?", label))
                .isEqualTo(0L);
    }

    @Test
    void aTakenLabelIsRefusedBeforeGitHubIsAsked() {
        String label = unique("Team");
        save(label, tokenOf("first"));
        String second = tokenOf("second");

        assertError(
                post("/api/v1/connections", Map.of("label", label.toLowerCase(), "access_token", second)),
                409,
                "LABEL_EXISTS");
        assertThat(GitHubStandIn.requestsWith(second)).isEmpty();
    }

    @Test
    void anInvalidBodyIsAValidationError() {
        assertError(
                post("/api/v1/connections", Map.of("label", " ", "access_token", newToken())), 422, "VALIDATION_ERROR");
        assertError(
                post("/api/v1/connections", Map.of("label", unique("x"), "access_token", "two words")),
                422,
                "VALIDATION_ERROR");
        assertError(post("/api/v1/connections", Map.of("label", unique("x"))), 422, "VALIDATION_ERROR");
    }

    @Test
    void gitHubFailuresOnSaveAreRateLimitedOrGitHubError() {
        String limited = newToken();
        GitHubStandIn.account(limited, "busy").failWith(403);
        Response rateLimited = post("/api/v1/connections", Map.of("label", unique("l"), "access_token", limited));
        assertError(rateLimited, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(rateLimited.header("Retry-After"))).isBetween(1L, 42L);

        String broken = newToken();
        GitHubStandIn.account(broken, "down").failWith(500);
        Response down = post("/api/v1/connections", Map.of("label", unique("d"), "access_token", broken));
        assertError(down, 502, "GITHUB_ERROR");
        assertThat(down.asString()).doesNotContain(broken);
    }

    @Test
    void aRefusedRotationKeepsTheOldTokenAndAnAcceptedOneReplacesIt() {
        String old = tokenOf("rotator");
        long id = save(unique("rotate"), old);
        byte[] before = (byte[]) Sql.value("SELECT token_ciphertext FROM connection WHERE id = ?", id);

        Response refused = given().contentType(ContentType.JSON)
                .body(Map.of("access_token", newToken()))
                .put("/api/v1/connections/" + id);

        assertError(refused, 401, "INVALID_TOKEN");
        assertThat((byte[]) Sql.value("SELECT token_ciphertext FROM connection WHERE id = ?", id))
                .isEqualTo(before);
        given().post("/api/v1/connections/" + id + "/validate").then().statusCode(200);
        assertThat(GitHubStandIn.requestsWith(old)).hasSize(2); // save and validate, both with the old token

        String fresh = tokenOf("rotator");
        Response rotated = given().contentType(ContentType.JSON)
                .body(Map.of("access_token", fresh))
                .put("/api/v1/connections/" + id);
        rotated.then().statusCode(200).body("masked_token", equalTo("****" + fresh.substring(fresh.length() - 4)));
        assertThat(rotated.asString()).doesNotContain(fresh);
        given().post("/api/v1/connections/" + id + "/validate").then().statusCode(200);
        assertThat(GitHubStandIn.requestsWith(fresh)).hasSize(2);
        assertThat(GitHubStandIn.requestsWith(old)).hasSize(2);
        assertNotStoredInPlain(fresh);
    }

    @Test
    void validatingStampsTheTimeOrSaysTheTokenWasRevoked() {
        String token = tokenOf("checker");
        long id = save(unique("validate"), token);
        Object first = Sql.value("SELECT last_validated_at FROM connection WHERE id = ?", id);

        given().post("/api/v1/connections/" + id + "/validate")
                .then()
                .statusCode(200)
                .body("login", equalTo("checker"));
        Object second = Sql.value("SELECT last_validated_at FROM connection WHERE id = ?", id);
        assertThat(second.toString()).isGreaterThan(first.toString());

        GitHubStandIn.account(token, "checker").failWith(401);
        assertError(given().post("/api/v1/connections/" + id + "/validate"), 401, "INVALID_TOKEN");
        assertError(given().post("/api/v1/connections/999999999/validate"), 404, "NOT_FOUND");
        assertError(given().post("/api/v1/connections/abc/validate"), 404, "NOT_FOUND");
    }

    @Test
    void aConnectionInUseCannotBeDeleted() {
        long id = save(unique("used"), tokenOf("user"));
        String slug = "gh-" + UUID.randomUUID().toString().substring(0, 8);
        Sql.update(
                "INSERT INTO project (slug, name, source_type, repo_url, connection_id) VALUES (?, ?, 'github', ?, ?)",
                slug,
                slug,
                "https://github.com/octocat/" + slug,
                id);

        Response refused = given().delete("/api/v1/connections/" + id);

        assertError(refused, 409, "CONNECTION_IN_USE");
        assertThat(refused.jsonPath().getString("error.message"))
                .isEqualTo("Connection is in use by project: " + slug + ". Re-point or delete them first.");
        Sql.update("DELETE FROM project WHERE slug = ?", slug);
        given().delete("/api/v1/connections/" + id).then().statusCode(204);
        assertError(given().delete("/api/v1/connections/" + id), 404, "NOT_FOUND");
        assertThat(Sql.value("SELECT count(*) FROM connection WHERE id = ?", id))
                .isEqualTo(0L);
    }

    @Test
    void allRepositoriesIncludeOrganisationsAndPagesAndNameFailingConnections() {
        String org = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        GitHubStandIn.org(org, 3);
        String main = newToken();
        GitHubStandIn.account(main, "alice").repos("alice", 5).org(org).pageSize(2);
        String overlapping = newToken();
        GitHubStandIn.account(overlapping, "bob")
                .repo("alice", "repo-001", false)
                .repo("bob", "solo", true);
        long mainId = save(unique("main"), main);
        long overlapId = save(unique("overlap"), overlapping);
        String broken = tokenOf("carol");
        long brokenId = save(unique("broken"), broken);
        GitHubStandIn.account(broken, "carol").failWith(500);

        JsonPath all = given().get("/api/v1/connections/repos")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        List<String> fromMain = all.getList("repos.findAll { it.connection_id == " + mainId + " }.full_name");
        assertThat(fromMain)
                .containsExactly(
                        "alice/repo-001",
                        "alice/repo-002",
                        "alice/repo-003",
                        "alice/repo-004",
                        "alice/repo-005",
                        org + "/org-repo-001",
                        org + "/org-repo-002",
                        org + "/org-repo-003");
        assertThat(all.getList("repos.findAll { it.connection_id == " + overlapId + " }.full_name"))
                .as("a repository two connections see is listed once")
                .containsExactly("bob/solo");
        Map<String, Object> solo = all.getMap("repos.find { it.full_name == 'bob/solo' }");
        assertThat(solo)
                .containsEntry("owner", "bob")
                .containsEntry("name", "solo")
                .containsEntry("private", true)
                .containsEntry("default_branch", "main")
                .containsKey("description")
                .containsKey("connection_label");
        assertThat(all.getList("degraded.connection_id", Long.class))
                .contains(brokenId)
                .doesNotContain(mainId);
        assertThat(all.getString("degraded.find { it.connection_id == " + brokenId + " }.reason"))
                .contains("GitHub answered 500");
        assertThat(GitHubStandIn.requestsWith(main))
                .filteredOn(r -> r.path().equals("/user/repos"))
                .extracting(GitHubStandIn.Recorded::query)
                .as("three pages of two, following Link headers")
                .hasSize(3)
                .allSatisfy(query -> assertThat(query).contains("affiliation=owner,collaborator,organization_member"));
    }

    @Test
    void aConnectionListsAtMostTwoHundredRepositoriesAndStopsFetching() {
        String token = newToken();
        GitHubStandIn.account(token, "hoarder").repos("hoarder", 230).org("never-asked");

        JsonPath found = post("/api/v1/projects/github/repos", Map.of("access_token", token))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(found.getList("repositories")).hasSize(200);
        assertThat(GitHubStandIn.requestsWith(token))
                .extracting(GitHubStandIn.Recorded::path)
                .containsExactly("/user/repos", "/user/repos");
    }

    @Test
    void browsingWithATokenOrAConnectionFiltersBySearch() {
        String token = newToken();
        GitHubStandIn.account(token, "dora").repo("dora", "sdlc-docs", false).repo("dora", "website", false);
        long id = save(unique("browse"), token);

        for (Map<String, Object> credential :
                List.<Map<String, Object>>of(Map.of("access_token", token), Map.of("connection_id", id))) {
            Map<String, Object> body = new HashMap<>(credential);
            body.put("search", "SDLC");
            Response found = post("/api/v1/projects/github/repos", body);
            found.then().statusCode(200);
            assertThat(found.jsonPath().getList("repositories.full_name")).containsExactly("dora/sdlc-docs");
            assertThat(found.asString()).doesNotContain(token);
        }
        assertThat(GitHubStandIn.requestsWith(token))
                .extracting(GitHubStandIn.Recorded::authorization)
                .containsOnly("Bearer " + token);
    }

    @Test
    void browsingNeedsExactlyOneCredentialAndReportsGitHubsRefusals() {
        String token = tokenOf("eve");
        assertError(post("/api/v1/projects/github/repos", Map.of()), 400, "VALIDATION_ERROR");
        assertError(
                post("/api/v1/projects/github/repos", Map.of("access_token", token, "connection_id", 1)),
                400,
                "VALIDATION_ERROR");
        assertError(post("/api/v1/projects/github/repos", Map.of("connection_id", 999999999)), 404, "NOT_FOUND");
        assertError(post("/api/v1/projects/github/repos", Map.of("access_token", newToken())), 401, "AUTH_FAILED");

        String secondary = newToken();
        GitHubStandIn.account(secondary, "fast").failWith(429);
        Response limited = post("/api/v1/projects/github/repos", Map.of("access_token", secondary));
        assertError(limited, 429, "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isEqualTo("7");

        String broken = newToken();
        GitHubStandIn.account(broken, "gone").failWith(503);
        assertError(post("/api/v1/projects/github/repos", Map.of("access_token", broken)), 502, "GITHUB_ERROR");
    }

    @Test
    void aRepositoryHasAnSdlcStudioFolderOnTheBranchOrNot() {
        String token = newToken();
        GitHubStandIn.account(token, "finn")
                .folder("finn/docs", "main", "sdlc-studio")
                .folder("finn/docs", "dev", "src")
                .folder("finn/other", "main", "src");
        long id = save(unique("folders"), token);
        String base = "/api/v1/projects/github/repos/";

        post(base + "finn/docs/has-sdlc-studio", Map.of("access_token", token, "branch", "main"))
                .then()
                .statusCode(200)
                .body("has_sdlc_studio", equalTo(true));
        post(base + "finn/docs/has-sdlc-studio", Map.of("connection_id", id, "branch", "dev"))
                .then()
                .statusCode(200)
                .body("has_sdlc_studio", equalTo(false));
        post(base + "finn/other/has-sdlc-studio", Map.of("connection_id", id))
                .then()
                .statusCode(200)
                .body("has_sdlc_studio", equalTo(false));
        assertError(
                post(base + "finn/docs/has-sdlc-studio", Map.of("access_token", token, "branch", "gone")),
                404,
                "NOT_FOUND");
        assertError(post(base + "finn/docs/has-sdlc-studio", Map.of("branch", "main")), 400, "VALIDATION_ERROR");
        assertThat(GitHubStandIn.requestsWith(token))
                .filteredOn(r -> r.path().equals("/repos/finn/docs/contents/sdlc-studio"))
                .extracting(GitHubStandIn.Recorded::query)
                .contains("ref=main", "ref=dev");
    }

    @Test
    void theGitHubPathsDoNotShadowProjectRoutes() {
        given().get("/api/v1/projects/github/repos")
                .then()
                .statusCode(405)
                .body("error.code", equalTo("METHOD_NOT_ALLOWED"));
        assertError(given().get("/api/v1/projects/github"), 404, "NOT_FOUND");
        given().get("/api/v1/projects/github/sync-runs")
                .then()
                .statusCode(404)
                .body("error.message", equalTo("Project not found"));
    }

    @Test
    void aPaginationLinkToAnotherHostIsNotFollowed() {
        String own = GitHubStandIn.url() + "/user/repos?page=2";
        assertThat(client.nextPage("<" + own + ">; rel=\"next\", <" + own + ">; rel=\"last\""))
                .isEqualTo(own);
        assertThat(client.nextPage("<https://evil.example/user/repos?page=2>; rel=\"next\""))
                .isNull();
        assertThat(client.nextPage("<" + own + ">; rel=\"last\"")).isNull();
        assertThat(client.nextPage(null)).isNull();
    }

    /** A fresh token GitHub accepts as {@code login}. */
    static String tokenOf(String login) {
        String token = newToken();
        GitHubStandIn.account(token, login);
        return token;
    }
}
