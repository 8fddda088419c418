package io.sdlclens.project;

import static io.restassured.RestAssured.given;
import static io.sdlclens.project.ProjectResourceTest.assertError;
import static io.sdlclens.project.ProjectResourceTest.post;
import static io.sdlclens.project.ProjectResourceTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Sql;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** git and github projects through the project API: what is stored, what is shown, what is refused. */
@QuarkusTest
class ProjectSourcesTest {

    private static final String TOKEN = "ghp_secretTokenValue1234";

    private static ValidatableResponse put(String slug, Object body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .put("/api/v1/projects/" + slug)
                .then()
                .contentType(ContentType.JSON);
    }

    private static long storedConnection() {
        return ((Number) Sql.value(
                        "INSERT INTO connection (label, login, token_ciphertext, masked_token)"
                                + " VALUES (?, 'octo', ?, '****abcd') RETURNING id",
                        unique("Work"),
                        new byte[] {1, 2, 3}))
                .longValue();
    }

    @Test
    void gitProjectIsCreatedWithDefaultsAndShownEverywhere() {
        String slug = post(Map.of(
                        "name",
                        unique("Git docs"),
                        "source_type",
                        "git",
                        "repo_url",
                        "https://gitlab.com/acme/docs.git"))
                .statusCode(201)
                .body("source_type", equalTo("git"))
                .body("sdlc_path", nullValue())
                .body("repo_url", equalTo("https://gitlab.com/acme/docs.git"))
                .body("repo_branch", equalTo("main"))
                .body("repo_path", equalTo("sdlc-studio"))
                .body("connection_id", nullValue())
                .body("masked_token", nullValue())
                .body("auto_sync", equalTo(false))
                .body("last_synced_commit_sha", nullValue())
                .body("sync_status", equalTo("never_synced"))
                .extract()
                .path("slug");

        given().get("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .body("repo_url", equalTo("https://gitlab.com/acme/docs.git"))
                .body("repo_branch", equalTo("main"))
                .body("repo_path", equalTo("sdlc-studio"))
                .body("auto_sync", equalTo(false));
        given().get("/api/v1/projects")
                .then()
                .statusCode(200)
                .body("find { it.slug == '" + slug + "' }.repo_url", equalTo("https://gitlab.com/acme/docs.git"));
    }

    @Test
    void localProjectsShowTheRepositoryDefaultsAsTheContractExampleDoes() {
        String slug = ProjectResourceTest.create(unique("Local defaults"), Folders.create("local-defaults"));
        given().get("/api/v1/projects/" + slug)
                .then()
                .body("repo_url", nullValue())
                .body("repo_branch", equalTo("main"))
                .body("repo_path", equalTo("sdlc-studio"))
                .body("connection_id", nullValue())
                .body("masked_token", nullValue())
                .body("auto_sync", equalTo(false))
                .body("last_synced_commit_sha", nullValue());
    }

    @Test
    void tokensAreStoredEncryptedAndShownOnlyMasked() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("Token"));
        body.put("source_type", "git");
        body.put("repo_url", "https://codeberg.org/acme/docs");
        body.put("repo_branch", "release");
        body.put("repo_path", "/docs/sdlc/");
        body.put("access_token", TOKEN);
        body.put("auto_sync", true);
        String response = post(body)
                .statusCode(201)
                .body("masked_token", equalTo("****1234"))
                .body("repo_branch", equalTo("release"))
                .body("repo_path", equalTo("docs/sdlc"))
                .body("auto_sync", equalTo(true))
                .extract()
                .asString();
        assertThat(response).doesNotContain(TOKEN).doesNotContain("access_token");
        String slug = given().get("/api/v1/projects")
                .then()
                .extract()
                .path("find { it.repo_url == 'https://codeberg.org/acme/docs' }.slug");

        // no column of the row holds the token in plain text, and the ciphertext is there
        assertThat(Sql.value("SELECT p::text FROM project p WHERE slug = ?", slug))
                .asString()
                .doesNotContain(TOKEN)
                .doesNotContain("secretTokenValue");
        // bytea prints as hex, so look for the token's bytes inside the stored bytes too
        assertThat(Sql.value(
                        "SELECT position(convert_to(?, 'UTF8') IN access_token) FROM project WHERE slug = ?",
                        TOKEN,
                        slug))
                .isEqualTo(0);
        assertThat(Sql.value("SELECT octet_length(access_token) FROM project WHERE slug = ?", slug))
                .isNotNull();
        assertThat(given().get("/api/v1/projects/" + slug).asString()).doesNotContain(TOKEN);

        // a PUT without access_token keeps it; null removes it
        put(slug, Map.of("repo_branch", "main")).statusCode(200).body("masked_token", equalTo("****1234"));
        Map<String, Object> remove = new HashMap<>();
        remove.put("access_token", null);
        put(slug, remove).statusCode(200).body("masked_token", nullValue());
        assertThat(Sql.value("SELECT access_token FROM project WHERE slug = ?", slug))
                .isNull();
    }

    @Test
    void githubProjectsUseAStoredConnectionAndGitProjectsCannot() {
        long connection = storedConnection();
        String slug = post(Map.of(
                        "name",
                        unique("Hub"),
                        "source_type",
                        "github",
                        "repo_url",
                        "https://github.com/acme/docs",
                        "connection_id",
                        connection))
                .statusCode(201)
                .body("source_type", equalTo("github"))
                .body("connection_id", equalTo((int) connection))
                .extract()
                .path("slug");

        assertError(
                post(Map.of(
                        "name",
                        unique("Hub missing"),
                        "source_type",
                        "github",
                        "repo_url",
                        "https://github.com/acme/docs",
                        "connection_id",
                        987654321)),
                404,
                "NOT_FOUND",
                "Connection not found");
        assertError(
                post(Map.of(
                        "name",
                        unique("Git conn"),
                        "source_type",
                        "git",
                        "repo_url",
                        "https://github.com/acme/docs",
                        "connection_id",
                        connection)),
                422,
                "VALIDATION_ERROR",
                "connection_id: only a github project");

        // PUT: an unknown connection is 404, null detaches
        assertError(put(slug, Map.of("connection_id", 987654321)), 404, "NOT_FOUND", "Connection not found");
        Map<String, Object> detach = new HashMap<>();
        detach.put("connection_id", null);
        put(slug, detach).statusCode(200).body("connection_id", nullValue());
        assertThat(Sql.value("SELECT connection_id FROM project WHERE slug = ?", slug))
                .isNull();
    }

    @Test
    void unknownSourceTypesAndRefusedUrlsAre422NamingTheField() {
        assertError(
                post(Map.of("name", unique("Svn"), "source_type", "svn", "repo_url", "https://github.com/a/b")),
                422,
                "VALIDATION_ERROR",
                "source_type: must be one of local, git, github");
        assertError(
                post(Map.of("name", unique("Ssh"), "source_type", "git", "repo_url", "ssh://github.com/a/b")),
                422,
                "VALIDATION_ERROR",
                "repo_url: repository URL must use https://");
        assertError(
                post(Map.of("name", unique("Host"), "source_type", "git", "repo_url", "https://evil.example/a/b")),
                422,
                "VALIDATION_ERROR",
                "repo_url: host evil.example is not allowed: add it to SDLC_LENS_GIT_ALLOWED_HOSTS");
        assertError(
                post(Map.of(
                        "name",
                        unique("Dots"),
                        "source_type",
                        "git",
                        "repo_url",
                        "https://github.com/a/b",
                        "repo_path",
                        "../etc")),
                422,
                "VALIDATION_ERROR",
                "repo_path: must be a folder inside the repository");
        assertThat(Sql.value("SELECT count(*) FROM project WHERE repo_url LIKE '%evil%'"))
                .isEqualTo(0L);
    }

    @Test
    void putSwitchesALocalProjectToGitAndValidatesTheResult() {
        String slug = ProjectResourceTest.create(unique("Switch"), Folders.create("switch"));
        assertError(put(slug, Map.of("source_type", "git")), 422, "VALIDATION_ERROR", "repo_url: must not be blank");
        put(slug, Map.of("source_type", "git", "repo_url", "https://github.com/acme/switch"))
                .statusCode(200)
                .body("source_type", equalTo("git"))
                .body("sdlc_path", nullValue())
                .body("repo_url", equalTo("https://github.com/acme/switch"));
        assertError(
                put(slug, Map.of("repo_url", "ssh://github.com/acme/switch")),
                422,
                "VALIDATION_ERROR",
                "repo_url: repository URL must use https://");
        put(slug, Map.of("auto_sync", true)).statusCode(200).body("auto_sync", equalTo(true));
        assertThat(Sql.value("SELECT auto_sync FROM project WHERE slug = ?", slug))
                .isEqualTo(true);
        given().get("/api/v1/projects").then().body("slug", hasItem(slug)).body("slug", not(hasItem("")));
    }
}
