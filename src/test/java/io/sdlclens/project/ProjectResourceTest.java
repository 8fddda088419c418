package io.sdlclens.project;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectResourceTest {

    private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static String unique(String base) {
        return base + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String create(String name, Path path) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "sdlc_path", path.toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
    }

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/projects")
                .then()
                .contentType(ContentType.JSON);
    }

    static void assertError(ValidatableResponse response, int status, String code, String message) {
        response.statusCode(status).body("error.code", equalTo(code)).body("error.message", containsString(message));
    }

    @Test
    void createReturnsTheProjectWithLocation() {
        Path folder = Folders.create("create");
        String name = unique("My Cool_Project");
        String expectedSlug = Slugs.of(name);

        post(Map.of("name", "  " + name + "  ", "sdlc_path", folder + "/"))
                .statusCode(201)
                .header("Location", endsWith("/api/v1/projects/" + expectedSlug))
                .body("slug", equalTo(expectedSlug))
                .body("name", equalTo(name))
                .body("source_type", equalTo("local"))
                .body("sdlc_path", equalTo(folder.toString()))
                .body("sync_status", equalTo("never_synced"))
                .body("sync_error", nullValue())
                .body("last_synced_at", nullValue())
                .body("document_count", equalTo(0))
                .body("last_sync", nullValue())
                .body("created_at", matchesPattern(ISO_MILLIS))
                .body("updated_at", matchesPattern(ISO_MILLIS));

        assertThat(Sql.value("SELECT sdlc_path FROM project WHERE slug = ?", expectedSlug))
                .isEqualTo(folder.toString());
        assertThat(expectedSlug).startsWith("my-cool-project-");
    }

    @Test
    void pathIsStoredAsItsResolvedRealPath() throws Exception {
        Path target = Folders.create("real");
        Path link = Files.createSymbolicLink(Folders.create("links").resolve("via-link"), target);

        post(Map.of("name", unique("Linked"), "sdlc_path", link + "/./"))
                .statusCode(201)
                .body("sdlc_path", equalTo(target.toString()));
    }

    @Test
    void sourceTypeLocalIsAcceptedAndAGitProjectNeedsARepository() {
        Path folder = Folders.create("source");
        post(Map.of("name", unique("Local"), "sdlc_path", folder.toString(), "source_type", "local"))
                .statusCode(201);
        assertError(
                post(Map.of("name", unique("Git"), "sdlc_path", folder.toString(), "source_type", "git")),
                422,
                "VALIDATION_ERROR",
                "repo_url: must not be blank for a git project");
    }

    @Test
    void invalidBodiesAre422NamingTheField() {
        Path folder = Folders.create("invalid");
        assertError(post(Map.of("sdlc_path", folder.toString())), 422, "VALIDATION_ERROR", "name: must not be blank");
        assertError(
                post(Map.of("name", "   ", "sdlc_path", folder.toString())),
                422,
                "VALIDATION_ERROR",
                "name: must not be blank");
        assertError(
                post(Map.of("name", "x".repeat(201), "sdlc_path", folder.toString())),
                422,
                "VALIDATION_ERROR",
                "name: must be at most 200");
        assertError(post(Map.of("name", unique("No path"))), 422, "VALIDATION_ERROR", "sdlc_path: must not be blank");
        assertError(
                post(Map.of("name", "日本語 ✓", "sdlc_path", folder.toString())),
                422,
                "VALIDATION_ERROR",
                "name: must contain at least one ASCII letter or digit");
        // both problems at once
        assertError(post(Map.of()), 422, "VALIDATION_ERROR", "sdlc_path");
        // wrong JSON types
        assertError(post(Map.of("name", 42, "sdlc_path", folder.toString())), 422, "VALIDATION_ERROR", "name");
        assertError(
                post(Map.of("name", List.of("a"), "sdlc_path", folder.toString())), 422, "VALIDATION_ERROR", "name");
        assertError(post("[]"), 422, "VALIDATION_ERROR", "");
        assertError(post("\"text\""), 422, "VALIDATION_ERROR", "");
        assertError(post("{\"name\": \"a\", "), 422, "VALIDATION_ERROR", "Malformed JSON");
    }

    @Test
    void exactly200CharactersIsAValidName() {
        String name = "n".repeat(192) + UUID.randomUUID().toString().substring(0, 8);
        post(Map.of("name", name, "sdlc_path", Folders.create("long").toString()))
                .statusCode(201)
                .body("name", equalTo(name));
    }

    @Test
    void unknownFieldsAreIgnored() {
        post(Map.of(
                        "name",
                        unique("Extra"),
                        "sdlc_path",
                        Folders.create("extra").toString(),
                        "colour",
                        "blue"))
                .statusCode(201);
    }

    static void assertPathRefused(ValidatableResponse response, String message) {
        response.statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("PATH_NOT_FOUND"))
                .body("error.message", equalTo(message));
    }

    @Test
    void missingPathsAndFilesAre400NamingThePath() throws Exception {
        Path folder = Folders.create("paths");
        Path file = Files.writeString(folder.resolve("prd.md"), "# x");
        Path missing = folder.resolve("missing");
        assertPathRefused(
                post(Map.of("name", unique("Missing"), "sdlc_path", missing.toString())),
                "sdlc_path " + missing + " does not exist: give the absolute path of an existing folder");
        assertPathRefused(
                post(Map.of("name", unique("File"), "sdlc_path", file.toString())),
                "sdlc_path " + file + " is a file, not a folder");
    }

    @Test
    void relativePathsAreRefusedNeverResolvedAgainstTheServersFolder() {
        // "." names the server's working folder, which exists: it must still be refused.
        for (String path : List.of(".", "docs/x", "~/x", "src", "./")) {
            assertPathRefused(
                    post(Map.of("name", unique("Relative"), "sdlc_path", path)),
                    "sdlc_path " + path + " is a relative path: give the absolute path of an existing folder");
        }
        assertThat(Sql.value("SELECT count(*) FROM project WHERE name LIKE 'Relative %'"))
                .isEqualTo(0L);
    }

    @Test
    void unreadableFoldersAre400() throws Exception {
        Path folder = Folders.create("unreadable");
        Files.setPosixFilePermissions(folder, Set.of());
        try {
            // root reads every folder whatever its permissions: there is nothing to refuse then
            Assumptions.assumeFalse(Files.isReadable(folder), "running as a user who reads every folder");
            assertPathRefused(
                    post(Map.of("name", unique("Unreadable"), "sdlc_path", folder.toString())),
                    "sdlc_path " + folder
                            + " cannot be read by the service: give its user read and execute permission on the folder");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void pathsOutsideTheAllowedRootsAre400() throws Exception {
        // The test profile allows only the system temp directory.
        assertPathRefused(
                post(Map.of("name", unique("Outside"), "sdlc_path", "/usr")),
                "sdlc_path /usr is outside the allowed roots (SDLC_LENS_ALLOWED_ROOTS)");
        // A link inside the root that points outside it is judged by where it leads, and named as given.
        Path link = Files.createSymbolicLink(Folders.create("escape").resolve("etc"), Path.of("/etc"));
        assertPathRefused(
                post(Map.of("name", unique("Escape"), "sdlc_path", link.toString())),
                "sdlc_path " + link + " is outside the allowed roots (SDLC_LENS_ALLOWED_ROOTS)");
    }

    @Test
    void checksRunInContractOrder() {
        Path folder = Folders.create("order");
        String name = unique("Ordered");
        create(name, folder);
        // invalid body and a missing path: 422 wins
        assertError(post(Map.of("name", " ", "sdlc_path", "/nowhere")), 422, "VALIDATION_ERROR", "name");
        // taken slug and a missing or relative path: 400 wins
        assertPathRefused(
                post(Map.of("name", name, "sdlc_path", "/nowhere")),
                "sdlc_path /nowhere does not exist: give the absolute path of an existing folder");
        assertPathRefused(
                post(Map.of("name", name, "sdlc_path", ".")),
                "sdlc_path . is a relative path: give the absolute path of an existing folder");
        // taken slug
        assertError(
                post(Map.of("name", name, "sdlc_path", folder.toString())),
                409,
                "CONFLICT",
                "Project slug already exists");
        // the same slug from another spelling
        assertError(
                post(Map.of("name", name.toUpperCase().replace(' ', '_'), "sdlc_path", folder.toString())),
                409,
                "CONFLICT",
                "Project slug already exists");
    }

    @Test
    void concurrentCreatesOfOneSlugGiveOne201AndOnly409s() throws Exception {
        String body = "{\"name\":\"%s\",\"sdlc_path\":\"%s\"}"
                .formatted(unique("Race"), Folders.create("race").toString());
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/projects"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses =
                calls.stream().map(call -> call.join().statusCode()).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        calls.stream()
                .map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 409)
                .forEach(response -> assertThat(response.body()).contains("\"code\":\"CONFLICT\""));
    }

    @Test
    void listIsOldestFirstAndGetFindsOne() {
        String first = create(unique("First"), Folders.create("list"));
        String second = create(unique("Second"), Folders.create("list"));

        List<String> slugs =
                given().get("/api/v1/projects").then().statusCode(200).extract().path("slug");
        assertThat(slugs).containsSubsequence(first, second);

        given().get("/api/v1/projects/" + second)
                .then()
                .statusCode(200)
                .body("slug", equalTo(second))
                .body("document_count", equalTo(0));
        assertError(given().get("/api/v1/projects/no-such-project").then(), 404, "NOT_FOUND", "Project not found");
    }

    @Test
    void putChangesOnlyWhatIsSentAndKeepsTheSlug() {
        Path folder = Folders.create("put");
        Path other = Folders.create("put-other");
        String slug = create(unique("Before"), folder);
        String created =
                given().get("/api/v1/projects/" + slug).then().extract().path("created_at");

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "After rename"))
                .put("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .body("slug", equalTo(slug))
                .body("name", equalTo("After rename"))
                .body("sdlc_path", equalTo(folder.toString()))
                .body("created_at", equalTo(created))
                .body("updated_at", not(equalTo(created)));

        given().contentType(ContentType.JSON)
                .body(Map.of("sdlc_path", other.toString()))
                .put("/api/v1/projects/" + slug)
                .then()
                .statusCode(200)
                .body("name", equalTo("After rename"))
                .body("sdlc_path", equalTo(other.toString()));
        assertThat(Sql.value("SELECT name FROM project WHERE slug = ?", slug)).isEqualTo("After rename");
    }

    @Test
    void putValidatesTheBodyAndTheResultingProject() throws Exception {
        Path folder = Folders.create("put-invalid");
        String slug = create(unique("Put invalid"), folder);
        String url = "/api/v1/projects/" + slug;

        assertError(given().contentType(ContentType.JSON).body("{}").put(url).then(), 422, "VALIDATION_ERROR", "");
        assertError(
                given().contentType(ContentType.JSON)
                        .body(Map.of("colour", "blue"))
                        .put(url)
                        .then(),
                422,
                "VALIDATION_ERROR",
                "at least one of name, sdlc_path");
        assertError(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", ""))
                        .put(url)
                        .then(),
                422,
                "VALIDATION_ERROR",
                "name: must not be blank");
        assertPathRefused(
                given().contentType(ContentType.JSON)
                        .body(Map.of("sdlc_path", "/usr"))
                        .put(url)
                        .then(),
                "sdlc_path /usr is outside the allowed roots (SDLC_LENS_ALLOWED_ROOTS)");
        assertPathRefused(
                given().contentType(ContentType.JSON)
                        .body(Map.of("sdlc_path", "."))
                        .put(url)
                        .then(),
                "sdlc_path . is a relative path: give the absolute path of an existing folder");
        Path file = Files.writeString(Folders.create("put-file").resolve("prd.md"), "# x");
        assertPathRefused(
                given().contentType(ContentType.JSON)
                        .body(Map.of("sdlc_path", file.toString()))
                        .put(url)
                        .then(),
                "sdlc_path " + file + " is a file, not a folder");
        // an invalid body wins over a bad path (422 before 400)
        assertError(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", " ", "sdlc_path", "."))
                        .put(url)
                        .then(),
                422,
                "VALIDATION_ERROR",
                "name: must not be blank");
        assertError(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", "x"))
                        .put("/api/v1/projects/nope")
                        .then(),
                404,
                "NOT_FOUND",
                "Project not found");

        // The stored path vanished: renaming alone is refused, as the resulting project would be invalid.
        Files.delete(folder);
        assertPathRefused(
                given().contentType(ContentType.JSON)
                        .body(Map.of("name", "Renamed"))
                        .put(url)
                        .then(),
                "sdlc_path " + folder + " does not exist: give the absolute path of an existing folder");
        assertThat(Sql.value("SELECT name FROM project WHERE slug = ?", slug))
                .asString()
                .startsWith("Put invalid");
    }

    @Test
    void deleteRemovesTheProjectAndItsRuns() {
        String slug = create(unique("Doomed"), Folders.create("delete"));
        given().post("/api/v1/projects/" + slug + "/sync").then().statusCode(202);
        Object id = Sql.value("SELECT id FROM project WHERE slug = ?", slug);

        given().delete("/api/v1/projects/" + slug).then().statusCode(204);

        assertError(given().get("/api/v1/projects/" + slug).then(), 404, "NOT_FOUND", "Project not found");
        assertError(given().delete("/api/v1/projects/" + slug).then(), 404, "NOT_FOUND", "Project not found");
        assertThat(Sql.value("SELECT count(*) FROM sync_run WHERE project_id = ?", id))
                .isEqualTo(0L);
    }
}
