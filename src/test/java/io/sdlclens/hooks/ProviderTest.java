package io.sdlclens.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sdlclens.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void githubSignaturesVerifyAsGithubDocumentsThem() {
        // the example of GitHub's "Validating webhook deliveries"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(Provider.GITHUB.verifies("It's a Secret to Everybody", signature, body))
                .isTrue();
        assertThat(Provider.GITHUB.verifies(
                        "It's a Secret to Everybody", signature.toUpperCase().replace("SHA256", "sha256"), body))
                .isTrue();
        assertThat(Provider.GITHUB.verifies("It's a Secret to Everybody!", signature, body))
                .isFalse();
        assertThat(Provider.GITHUB.verifies(
                        "It's a Secret to Everybody", signature, "Hello, World?".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(Provider.GITHUB.verifies("It's a Secret to Everybody", signature.substring(7), body))
                .isFalse();
        assertThat(Provider.GITHUB.verifies("It's a Secret to Everybody", null, body))
                .isFalse();
    }

    @Test
    void gitlabTokensMustBeTheSecretExactly() {
        assertThat(Provider.GITLAB.verifies("s3cret", "s3cret", new byte[0])).isTrue();
        assertThat(Provider.GITLAB.verifies("s3cret", "s3cret ", new byte[0])).isFalse();
        assertThat(Provider.GITLAB.verifies("s3cret", "S3cret", new byte[0])).isFalse();
        assertThat(Provider.GITLAB.verifies("s3cret", null, new byte[0])).isFalse();
    }

    @Test
    void aPushNamesItsRepositoryAndBranch() throws Exception {
        JsonNode github = JSON.readTree("""
                {"ref": "refs/heads/release/1.x", "repository": {"clone_url": "https://github.com/a/b.git",
                 "html_url": "https://github.com/a/b", "ssh_url": "git@github.com:a/b.git"}}""");
        assertThat(Provider.GITHUB.readPush(github))
                .contains(new Push(List.of("https://github.com/a/b.git", "https://github.com/a/b"), "release/1.x"));
        JsonNode gitlab = JSON.readTree("""
                {"object_kind": "push", "ref": "refs/heads/main", "project": {"git_http_url":
                 "https://gitlab.com/a/b.git", "web_url": "https://gitlab.com/a/b"}}""");
        assertThat(Provider.GITLAB.readPush(gitlab))
                .contains(new Push(List.of("https://gitlab.com/a/b.git", "https://gitlab.com/a/b"), "main"));
        assertThat(Provider.GITLAB.readPush(JSON.readTree(gitlab.toString().replace("\"push\"", "\"tag_push\""))))
                .isEqualTo(Optional.empty());
        assertThat(Provider.GITHUB.readPush(
                        JSON.readTree(github.toString().replace("refs/heads/release/1.x", "refs/tags/v1"))))
                .isEmpty();
        assertThat(Provider.GITHUB.readPush(
                        JSON.readTree(github.toString().replace("refs/heads/release/1.x", "refs/heads/"))))
                .isEmpty();
    }

    @Test
    void aPushWithoutRefOrRepositoryIsRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> Provider.GITHUB.readPush(JSON.readTree("{\"repository\": {}}")))
                .isInstanceOf(ApiException.class)
                .hasMessage("ref: missing from the push event");
        assertThatThrownBy(() -> Provider.GITHUB.readPush(
                        JSON.readTree("{\"ref\": \"refs/heads/main\", \"repository\": {\"ssh_url\": \"git@x:a/b\"}}")))
                .hasMessage("repository.clone_url: missing from the push event");
        assertThatThrownBy(() -> Provider.GITLAB.readPush(JSON.readTree("[1]")))
                .hasMessage("The push event must be a JSON object");
    }
}
