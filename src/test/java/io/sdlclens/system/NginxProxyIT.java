package io.sdlclens.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.sdlclens.testing.EventStreamClient;
import io.sdlclens.testing.Folders;
import io.sdlclens.testing.NginxTemplate;
import io.sdlclens.testing.PostgresTestResource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debian's nginx, with {@code docker/nginx.conf.template} rendered for a service outside compose, in front of the
 * packaged service: the API answers through it with the client's host in its links, a deep link answers the web
 * app's index.html (never cached) and its hashed assets keep their long cache and their types, probes stay internal,
 * and an event reaches a client through nginx while its stream is open (nginx does not hold it back).
 */
@QuarkusIntegrationTest
class NginxProxyIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/static/bundle/[^\"]+\\.(?:js|css))\"");

    private static Process nginx;
    private static Path work;
    private static int port;

    @BeforeAll
    static void nginxIsInstalled() {
        assumeTrue(Files.isExecutable(NGINX), "no /usr/sbin/nginx on this machine (Debian: apt-get install nginx)");
    }

    /** Once, before the first test: the service's port is known only once the test framework has started it. */
    @BeforeEach
    void startNginx() throws Exception {
        if (nginx != null) {
            return;
        }
        work = Files.createTempDirectory("nginx-it");
        port = freePort();
        // Workers may run as another user than the test (nobody, when the test is root): the folder is theirs too.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        StringBuilder temp = new StringBuilder();
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            temp.append("    ")
                    .append(kind)
                    .append("_temp_path ")
                    .append(work.resolve(kind))
                    .append(";\n");
        }
        Path conf = NginxTemplate.write(
                work,
                Map.of(
                        "SDLC_LENS_LISTEN", "127.0.0.1:" + port,
                        "SDLC_LENS_UPSTREAM", "127.0.0.1:" + RestAssured.port,
                        "SDLC_LENS_RESOLVER", "127.0.0.1"),
                temp.toString());
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-e",
                        work.resolve("error.log").toString(),
                        "-g",
                        "daemon off; pid " + work.resolve("nginx.pid") + ";",
                        "-c",
                        conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("nginx.out").toFile())
                .start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(nginx.isAlive())
                    .as("nginx runs: %s", Files.readString(work.resolve("nginx.out")))
                    .isTrue();
            try {
                return proxied().get("/api/v1/system/health").statusCode() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theApiAnswersThroughNginxWithTheClientsHostInItsLinks() {
        Path folder = Folders.create("nginx");
        Response created = proxied()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Through nginx " + UUID.randomUUID(), "sdlc_path", folder.toString()))
                .post("/api/v1/projects");
        assertThat(created.statusCode()).isEqualTo(201);
        String slug = created.jsonPath().getString("slug");
        assertThat(created.header("Location"))
                .as("X-Forwarded-* from nginx, trusted from loopback")
                .isEqualTo("http://127.0.0.1:" + port + "/api/v1/projects/" + slug);

        Response read = proxied().get("/api/v1/projects/" + slug);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("application/json");

        Response unknown = proxied().get("/api/v1/no-such-route");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("error.code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void aDeepLinkThroughNginxAnswersTheAppsIndexAndProbesStayInternal() {
        for (String page : List.of("/projects/x", "/projects/x/documents/story/US0001?sort=title", "/settings")) {
            Response proxied = proxied().accept("text/html").get(page);
            assertThat(proxied.statusCode()).as(page).isEqualTo(200);
            assertThat(proxied.contentType()).as(page).startsWith("text/html");
            assertThat(proxied.header("Cache-Control")).as(page).isEqualTo("no-cache");
            assertThat(proxied.asString()).as(page).contains("<sl-app>");
            assertThat(proxied.asString()).isEqualTo(given().get("/").asString());
        }

        assertThat(given().get("/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(proxied().get("/q/health/ready").statusCode())
                .as("probes through nginx")
                .isEqualTo(404);
    }

    @Test
    void theAppsHashedAssetsKeepTheirLongCacheAndContentTypeThroughNginx() {
        String index = proxied().get("/").then().statusCode(200).extract().asString();
        Matcher assets = ASSET.matcher(index);
        Map<String, String> types = Map.of("js", "(application|text)/javascript", "css", "text/css");
        int found = 0;
        while (assets.find()) {
            String path = assets.group(1);
            String extension = path.substring(path.lastIndexOf('.') + 1);
            Response direct = given().get(path);
            Response proxied = proxied().header("Accept-Encoding", "identity").get(path);
            assertThat(proxied.statusCode()).as(path).isEqualTo(200);
            assertThat(proxied.header("Cache-Control")).as(path).isEqualTo("public, max-age=31536000, immutable");
            assertThat(proxied.contentType()).as(path).matches(types.get(extension) + "(;.*)?");
            assertThat(proxied.contentType()).as(path).isEqualTo(direct.contentType());
            assertThat(proxied.asByteArray()).as(path).isEqualTo(direct.asByteArray());
            found++;
        }
        assertThat(found)
                .as("the bundle's script and style named by index.html")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEventReachesAClientThroughNginxWhileItsStreamIsOpen() {
        // connect() returns once the stream's first frame (a comment of a few bytes) came through: a buffering
        // proxy would sit on it
        try (EventStreamClient stream =
                EventStreamClient.connect(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))) {
            assertThat(stream.header("content-type")).startsWith("text/event-stream");
            String name = "Live through nginx " + UUID.randomUUID();
            String slug = proxied()
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            name,
                            "sdlc_path",
                            Folders.create("nginx-live").toString()))
                    .post("/api/v1/projects")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("slug");
            JsonPath event = stream.nextEvent("project", p -> slug.equals(p.getString("slug")), WAIT);
            assertThat(event.getString("name")).isEqualTo(name);
        }
    }

    @Test
    void aStalledClientBehindNginxIsDroppedByTheService() throws Exception {
        // Unbuffered, nginx reads from the service only as fast as the client takes: a client that stops reading
        // stalls the service's writes and is dropped there. A buffering nginx would instead take everything into
        // its own buffers and temp files, and the service would never know.
        String slug = proxied()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Stalled " + UUID.randomUUID(),
                        "sdlc_path",
                        Folders.create("nginx-stalled").toString()))
                .post("/api/v1/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        double droppedBefore = droppedClients();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            stalled.getOutputStream()
                    .write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String name = "x".repeat(190);
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos(); // below nginx's send_timeout
            try (Connection db = PostgresTestResource.connect();
                    PreparedStatement rename = db.prepareStatement("UPDATE project SET name = ? WHERE slug = ?")) {
                for (int i = 0; droppedClients() == droppedBefore; i++) {
                    assertThat(System.nanoTime())
                            .as("the service drops the stalled client behind nginx")
                            .isLessThan(deadline);
                    for (int j = 0; j < 50; j++) {
                        rename.setString(1, name + i + "-" + j);
                        rename.setString(2, slug);
                        rename.executeUpdate();
                    }
                }
            }
        }
    }

    /** The service's own count of dropped stream clients, from its metrics (its port, not nginx's). */
    private static double droppedClients() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("sdlc_lens_events_dropped_clients_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private static io.restassured.specification.RequestSpecification proxied() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
