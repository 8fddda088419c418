package io.sdlclens.hooks;

import static io.restassured.RestAssured.given;
import static io.sdlclens.hooks.Deliveries.githubPush;
import static io.sdlclens.hooks.Deliveries.gitlabPush;
import static io.sdlclens.hooks.Deliveries.post;
import static io.sdlclens.hooks.Deliveries.sign;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a webhook secret (the default) no delivery is taken, however it is signed. */
@QuarkusTest
class WebhookDisabledTest {

    @Test
    void everyDeliveryIs403NamingTheSetting() {
        String push = githubPush("https://github.com/acme/docs", "refs/heads/main");
        post("github", Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", sign("anything", push)), push)
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", containsString("SDLC_LENS_WEBHOOK_SECRET"));
        post(
                        "gitlab",
                        Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", ""),
                        gitlabPush("https://gitlab.com/a/b", "main"))
                .statusCode(403)
                .body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", containsString("SDLC_LENS_WEBHOOK_SECRET"));
    }

    @Test
    void theHooksTakePostsOnly() {
        given().get("/api/v1/hooks/github")
                .then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("METHOD_NOT_ALLOWED"));
        given().post("/api/v1/hooks/bitbucket").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }
}
