package io.sdlclens.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The app is served by the service: cached by content hash, index revalidated, deep links answered by it. */
@QuarkusTest
class WebAppServingTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/static/bundle/[^\"]+)\"");

    @Test
    void theIndexIsNeverCachedAndNamesHashedAssetsThatAre() {
        String index = given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache")
                .extract()
                .asString();
        Matcher assets = ASSET.matcher(index);
        int found = 0;
        while (assets.find()) {
            found++;
            given().get(assets.group(1)).then().statusCode(200).header("Cache-Control", WebAppRoutes.IMMUTABLE);
        }
        assertThat(found).as("script and style of the bundle").isGreaterThanOrEqualTo(2);
        given().get("/index.html").then().statusCode(200).header("Cache-Control", "no-cache");
    }

    @Test
    void deepLinksAnswerTheApp() {
        for (String page : new String[] {"/projects/sample", "/projects/sample/documents/story/US0001", "/search"}) {
            given().accept("text/html")
                    .get(page)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Cache-Control", "no-cache")
                    .body(containsString("<sl-app>"));
        }
    }

    @Test
    void unknownApiAndManagementPathsStayJson404() {
        for (String path : new String[] {"/api/v1/nope", "/api", "/q/nope", "/static/bundle/missing.js"}) {
            given().get(path)
                    .then()
                    .statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("error.code", equalTo("NOT_FOUND"));
        }
    }
}
