package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sdlclens.testing.NginxTemplate;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The container files in {@code docker/} checked against the repository, without Docker: what the Dockerfiles
 * copy exists and survives {@code .dockerignore}, the compose file points at files that exist and at its own
 * services, nginx (its configuration rendered from the template as compose renders it) proxies only to compose
 * services, and — when an {@code nginx} binary is installed — nginx accepts that configuration. Runs after {@code package}, so {@code target/quarkus-app} is there.
 */
class ContainerFilesIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Path NGINX_TEMPLATE = NginxTemplate.TEMPLATE;
    private static final Path COMPOSE = DOCKER.resolve("compose.yml");
    private static final Set<String> DOCKERFILES = Set.of("Dockerfile.jvm", "Dockerfile.native");

    // ---------------------------------------------------------------------------------------------------------
    // Dockerfiles

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void everyCopySourceExistsInTheBuildContextAndSurvivesDockerignore(String name) throws IOException {
        List<Instruction> copies = Dockerfile.read(DOCKER.resolve(name)).all().stream()
                .filter(i -> i.keyword().equals("COPY") || i.keyword().equals("ADD"))
                .filter(i -> !i.flags().containsKey("from")) // from another stage, not the context
                .toList();
        assertThat(copies).as("%s copies from the build context", name).isNotEmpty();
        if (name.equals("Dockerfile.jvm")) {
            assumeTrue(
                    Files.isDirectory(ROOT.resolve("target/quarkus-app")) || !nativeBuild(),
                    "a native build packages no target/quarkus-app for the JVM image");
        }

        DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));
        for (Instruction copy : copies) {
            List<String> sources = copy.sources();
            assertThat(sources).as("%s: %s", name, copy.text()).isNotEmpty();
            for (String source : sources) {
                List<String> files = contextFiles(source);
                assertThat(files)
                        .as("%s: %s copies %s, which matches nothing in the build context", name, copy.text(), source)
                        .isNotEmpty();
                assertThat(files)
                        .as("%s: files of %s excluded by .dockerignore", name, source)
                        .filteredOn(ignore::excludes)
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void theImageRunsAsANonRootUserWithTheDocumentsRootAndNoHealthcheck(String name) throws IOException {
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        assertThat(dockerfile.all())
                .as("%s: probes belong to the orchestrator", name)
                .noneMatch(i -> i.keyword().equals("HEALTHCHECK"));
        assertThat(dockerfile.all())
                .filteredOn(i -> i.keyword().equals("FROM"))
                .as("%s: base images carry an explicit tag", name)
                .allSatisfy(from ->
                        assertThat(from.tokens().get(0)).matches("[^:@\\s]+(:(?!latest$)[^:@\\s]+|@sha256:\\w+)"));

        List<Instruction> last = dockerfile.finalStage();
        Optional<String> user = last.stream()
                .filter(i -> i.keyword().equals("USER"))
                .reduce((a, b) -> b)
                .map(Instruction::args);
        assertThat(user).as("%s: the final stage sets a USER", name).isPresent();
        assertThat(user.get().split(":")[0])
                .as("%s: USER", name)
                .isNotIn("root", "0")
                .doesNotContain("$");

        assertThat(env(last)).as("%s: ENV of the final stage", name).containsEntry("SDLC_LENS_ALLOWED_ROOTS", "/data");
        assertThat(last)
                .filteredOn(i -> i.keyword().equals("VOLUME"))
                .as("%s: /data is a volume", name)
                .anySatisfy(v -> assertThat(v.tokens()).contains("/data"));
        assertThat(last)
                .filteredOn(i -> i.keyword().equals("EXPOSE"))
                .as("%s: exposes the HTTP port", name)
                .anySatisfy(e -> assertThat(e.tokens()).contains("8080"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // compose.yml

    @Test
    void composeBuildsFromTheRepositoryWithItsDockerfiles() {
        Map<String, Map<String, Object>> services = services();
        List<String> built = new ArrayList<>();
        services.forEach((service, definition) -> {
            Object build = definition.get("build");
            if (build == null) {
                assertThat(definition.get("image"))
                        .as("service %s: image", service)
                        .asString()
                        .matches("[^:@\\s]+:(?!latest$)[^:@\\s]+");
                return;
            }
            Map<String, Object> spec = build instanceof String context ? Map.of("context", context) : map(build);
            Path context =
                    DOCKER.resolve(interpolate(string(spec.get("context")))).normalize();
            assertThat(context)
                    .as("service %s: the build context is the repository, where .dockerignore applies", service)
                    .isEqualTo(ROOT);
            Path dockerfile = context.resolve(interpolate(string(spec.getOrDefault("dockerfile", "Dockerfile"))))
                    .normalize();
            assertThat(dockerfile).as("service %s: dockerfile", service).isRegularFile();
            assertThat(DOCKERFILES).contains(dockerfile.getFileName().toString());
            built.add(service);
        });
        assertThat(built).as("services built from this repository").isNotEmpty();
    }

    @Test
    void composeMountsOnlyWhatExists() {
        Map<String, Map<String, Object>> services = services();
        Set<String> namedVolumes =
                map(compose().getOrDefault("volumes", Map.of())).keySet();
        services.forEach((service, definition) -> {
            for (Mount mount : mounts(definition)) {
                if (mount.bind()) {
                    assertThat(mount.hostPath())
                            .as("service %s: host path of %s", service, mount.target())
                            .exists();
                } else {
                    assertThat(namedVolumes)
                            .as("service %s: named volume %s", service, mount.source())
                            .contains(mount.source());
                }
            }
            for (String dependency : dependsOn(definition)) {
                assertThat(services).as("service %s depends on", service).containsKey(dependency);
            }
        });

        Map<String, Object> nginx = nginxService(services);
        assertThat(mounts(nginx))
                .as("nginx.conf.template is mounted read-only where the nginx image renders templates")
                .anySatisfy(m -> {
                    assertThat(m.bind()).isTrue();
                    assertThat(m.hostPath()).isEqualTo(NGINX_TEMPLATE);
                    assertThat(m.target()).isEqualTo("/etc/nginx/templates/nginx.conf.template");
                    assertThat(m.readOnly()).isTrue();
                });
        assertThat(environment(nginx))
                .as("the template is rendered as nginx's configuration, not into conf.d")
                .containsEntry("NGINX_ENVSUBST_OUTPUT_DIR", "/etc/nginx");
    }

    @Test
    void composeRunsTwoReplicasWiredToTheDatabaseAndTrustingOnlyItsNetwork() {
        Map<String, Map<String, Object>> services = services();
        Map<String, Map<String, Object>> app = appServices(services);
        int replicas = app.values().stream()
                .mapToInt(
                        s -> ((Number) map(s.getOrDefault("deploy", Map.of())).getOrDefault("replicas", 1)).intValue())
                .sum();
        assertThat(replicas).as("replicas of the service").isEqualTo(2);

        Map<String, Object> networks = map(compose().getOrDefault("networks", Map.of()));
        app.forEach((service, definition) -> {
            Map<String, String> env = environment(definition);
            assertThat(hostOf(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), "postgresql://"))
                    .as("service %s: reactive URL", service)
                    .isIn(services.keySet());
            assertThat(hostOf(env.get("QUARKUS_DATASOURCE_JDBC_URL"), "jdbc:postgresql://"))
                    .as("service %s: JDBC URL", service)
                    .isEqualTo(hostOf(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), "postgresql://"));
            assertThat(env).containsKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(env)
                    .as("service %s: behind the proxy", service)
                    .containsEntry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true")
                    .containsEntry("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST", "true");

            List<String> subnets = serviceNetworks(definition).stream()
                    .map(n -> map(networks.getOrDefault(n, Map.of())))
                    .flatMap(n ->
                            listOfMaps(map(n.getOrDefault("ipam", Map.of())).get("config")).stream())
                    .map(c -> interpolate(string(c.get("subnet"))))
                    .toList();
            assertThat(subnets)
                    .as("service %s: its network has a fixed subnet", service)
                    .isNotEmpty();
            assertThat(List.of(env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").split(",")))
                    .as("service %s: trusted proxies are its network", service)
                    .containsExactlyInAnyOrderElementsOf(subnets);

            assertThat(mounts(definition))
                    .as("service %s: documents at /data, read-only", service)
                    .anySatisfy(m -> {
                        assertThat(m.target()).isEqualTo("/data");
                        assertThat(m.readOnly()).isTrue();
                    });
            assertThat(dependsOn(definition))
                    .as("service %s waits for the database", service)
                    .contains(hostOf(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), "postgresql://"));
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // nginx.conf

    @Test
    void nginxProxiesTheAppAndTheApiToComposeServicesOnly() throws IOException {
        Directive conf = Nginx.parse(composeNginxConf());
        assertThat(conf.children("events")).as("events block").hasSize(1);
        Directive http = single(conf.children("http"), "http block");

        List<Directive> proxies = http.find("proxy_pass");
        assertThat(proxies).as("proxy_pass directives").isNotEmpty();
        Set<String> hosts = new LinkedHashSet<>();
        boolean usesVariables = false;
        for (Directive proxy : proxies) {
            Matcher url = Pattern.compile("https?://([^/]+)(.*)").matcher(proxy.arg(0));
            assertThat(url.matches()).as("proxy_pass %s", proxy.arg(0)).isTrue();
            assertThat(url.group(2))
                    .as("proxy_pass passes the request URI unchanged (keeps /api)")
                    .isEmpty();
            String target = url.group(1);
            if (target.startsWith("$")) {
                usesVariables = true;
                target = single(
                                http.find("set").stream()
                                        .filter(s -> s.arg(0).equals(target(proxy)))
                                        .toList(),
                                "set " + target(proxy))
                        .arg(1);
            }
            String host = target.replaceFirst(":\\d+$", "");
            List<Directive> upstream = http.children("upstream").stream()
                    .filter(u -> u.arg(0).equals(host))
                    .toList();
            if (upstream.isEmpty()) {
                hosts.add(host);
            } else {
                single(upstream, "upstream " + host)
                        .children("server")
                        .forEach(server -> hosts.add(server.arg(0).replaceFirst(":\\d+$", "")));
            }
            assertThat(proxy.parent().name()).as("proxy_pass %s", proxy.arg(0)).isEqualTo("location");
            assertThat(String.join(" ", proxy.parent().args()))
                    .as("the proxied locations")
                    .isIn("/api/", "= /api/v1/events", "/");
        }
        assertThat(hosts)
                .as("proxied hosts are compose services")
                .isSubsetOf(services().keySet());
        assertThat(hosts).containsAll(appServices(services()).keySet());
        if (usesVariables) {
            assertThat(http.find("resolver"))
                    .as("a proxy_pass with variables needs a resolver")
                    .isNotEmpty();
        }

        assertThat(location(http, "/q/").find("return"))
                .as("probes and metrics stay internal")
                .anySatisfy(r -> assertThat(r.arg(0)).isEqualTo("404"));
        Directive events = location(http, "=", "/api/v1/events");
        assertThat(events.find("proxy_buffering"))
                .as("events pass through unbuffered")
                .singleElement()
                .satisfies(d -> assertThat(d.arg(0)).isEqualTo("off"));
        assertThat(events.find("proxy_read_timeout"))
                .singleElement()
                .satisfies(d -> assertThat(seconds(d.arg(0)))
                        .as("the stream's read timeout is far longer than its 15 s heartbeat")
                        .isGreaterThanOrEqualTo(600));
        assertThat(http.find("include"))
                .as("mime.types for what nginx answers itself")
                .anySatisfy(i -> assertThat(i.arg(0)).isEqualTo("mime.types"));

        Directive server = single(http.children("server"), "server block");
        assertThat(http.find("location").stream()
                        .flatMap(l -> l.find("proxy_set_header").stream())
                        .toList())
                .as("headers set once for every location (a location setting any would drop the server's)")
                .isEmpty();
        assertThat(server.children("proxy_set_header").stream()
                        .map(h -> h.arg(0).toLowerCase(Locale.ROOT))
                        .toList())
                .contains("host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port");

        assertThat(single(http.find("client_max_body_size"), "client_max_body_size"))
                .extracting(d -> bytes(d.arg(0)))
                .as("nginx's body limit is the service's")
                .isEqualTo(bytes(applicationProperty("quarkus.http.limits.max-body-size")));
        assertThat(http.find("listen"))
                .as("nginx listens where compose publishes it")
                .anySatisfy(l -> assertThat(l.arg(0)).endsWith("8080"));
    }

    @Test
    void nginxAcceptsItsConfiguration(@TempDir Path work) throws Exception {
        Optional<Path> nginx = executable("nginx");
        assumeTrue(nginx.isPresent(), "no nginx binary on this machine");

        // The configuration as compose renders it: the replicas' name is resolved per request, so it need not
        // resolve here. Only the pid file moves, out of the compiled-in default that may need root.
        Path conf = NginxTemplate.write(work, nginxValues(), "");
        Process process = new ProcessBuilder(
                        nginx.get().toString(),
                        "-t",
                        "-g",
                        "pid " + work.resolve("nginx.pid") + ";",
                        "-c",
                        conf.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("nginx -t finishes")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).as("nginx -t").contains("syntax is ok");
        Matcher denied = Pattern.compile("(?:mkdir|open)\\(\\) \"([^\"]+)\" failed \\(13: Permission denied\\)")
                .matcher(output);
        if (process.exitValue() != 0 && denied.find()) {
            String path = denied.group(1);
            assumeTrue(
                    Files.readString(conf).contains(path),
                    "nginx -t needs write access to its compiled-in path " + path + ": " + output);
        }
        assertThat(process.exitValue()).as("nginx -t: %s", output).isZero();
        assertThat(output).contains("test is successful");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Dockerfile parsing

    record Instruction(String keyword, String args, Map<String, String> flags, List<String> tokens) {

        static Instruction parse(String line) {
            String[] parts = line.strip().split("\\s+", 2);
            String args = parts.length > 1 ? parts[1].strip() : "";
            List<String> tokens = new ArrayList<>();
            if (args.startsWith("[")) {
                Matcher quoted = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args);
                while (quoted.find()) {
                    tokens.add(quoted.group(1));
                }
            } else if (!args.isEmpty()) {
                tokens.addAll(List.of(args.split("\\s+")));
            }
            Map<String, String> flags = new LinkedHashMap<>();
            while (!tokens.isEmpty() && tokens.get(0).startsWith("--")) {
                String[] flag = tokens.remove(0).substring(2).split("=", 2);
                flags.put(flag[0], flag.length > 1 ? flag[1] : "");
            }
            return new Instruction(parts[0].toUpperCase(Locale.ROOT), args, flags, List.copyOf(tokens));
        }

        List<String> sources() {
            return tokens.subList(0, Math.max(0, tokens.size() - 1));
        }

        String text() {
            return keyword + " " + args;
        }
    }

    record Dockerfile(List<List<Instruction>> stages) {

        static Dockerfile read(Path file) throws IOException {
            List<String> logical = new ArrayList<>();
            StringBuilder current = null;
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.startsWith("#") || (current == null && line.isEmpty())) {
                    continue; // comments, also inside a continued instruction, and blank lines
                }
                boolean continues = line.endsWith("\\");
                String part = continues ? line.substring(0, line.length() - 1) : line;
                current = current == null
                        ? new StringBuilder(part)
                        : current.append(' ').append(part);
                if (!continues) {
                    logical.add(current.toString());
                    current = null;
                }
            }
            assertThat(current).as("%s ends inside a continued line", file).isNull();

            List<List<Instruction>> stages = new ArrayList<>();
            for (String line : logical) {
                Instruction instruction = Instruction.parse(line);
                if (instruction.keyword().equals("FROM")) {
                    stages.add(new ArrayList<>());
                }
                assertThat(stages).as("%s: %s before FROM", file, line).isNotEmpty();
                stages.get(stages.size() - 1).add(instruction);
            }
            return new Dockerfile(stages);
        }

        List<Instruction> all() {
            return stages.stream().flatMap(List::stream).toList();
        }

        List<Instruction> finalStage() {
            return stages.get(stages.size() - 1);
        }
    }

    /** ENV of one stage: {@code ENV K=V K2="v 2"} and the legacy {@code ENV K V}. */
    private static Map<String, String> env(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");
        for (Instruction instruction : stage) {
            if (!instruction.keyword().equals("ENV")) {
                continue;
            }
            String args = instruction.args();
            if (args.matches("[A-Za-z_][A-Za-z0-9_]*\\s+.*") && !args.split("\\s+")[0].contains("=")) {
                String[] legacy = args.split("\\s+", 2);
                env.put(legacy[0], legacy[1]);
                continue;
            }
            Matcher matcher = pair.matcher(args);
            while (matcher.find()) {
                String value = matcher.group(2);
                if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(matcher.group(1), value);
            }
        }
        return env;
    }

    /** The files of the build context a COPY source names: a file, every file of a directory, or a glob's matches. */
    private static List<String> contextFiles(String source) throws IOException {
        String clean = DockerIgnore.clean(source);
        if (!clean.matches(".*[*?\\[].*")) {
            Path path = ROOT.resolve(clean);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    return files.filter(Files::isRegularFile)
                            .map(ContainerFilesIT::relative)
                            .toList();
                }
            }
            return Files.isRegularFile(path) ? List.of(clean) : List.of();
        }
        int wildcard = clean.replaceAll("[*?\\[].*", "").lastIndexOf('/');
        Path base = wildcard < 0 ? ROOT : ROOT.resolve(clean.substring(0, wildcard));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + clean);
        List<String> files = new ArrayList<>();
        try (Stream<Path> matches = Files.walk(base)) {
            for (Path match : (Iterable<Path>) matches::iterator) {
                if (matcher.matches(Path.of(relative(match)))) {
                    if (Files.isDirectory(match)) {
                        try (Stream<Path> inside = Files.walk(match)) {
                            inside.filter(Files::isRegularFile)
                                    .map(ContainerFilesIT::relative)
                                    .forEach(files::add);
                        }
                    } else {
                        files.add(relative(match));
                    }
                }
            }
        }
        return files;
    }

    private static String relative(Path path) {
        return ROOT.relativize(path).toString().replace('\\', '/');
    }

    private static boolean nativeBuild() {
        try (Stream<Path> target = Files.list(ROOT.resolve("target"))) {
            return target.anyMatch(p -> p.getFileName().toString().endsWith("-runner"));
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // .dockerignore, with Docker's rules: patterns are globs (with ** for any number of folders) on paths
    // relative to the context, a pattern also matches everything under a folder it matches, `!` re-includes,
    // and the last matching pattern decides.

    record DockerIgnore(List<Rule> rules) {

        record Rule(Pattern pattern, boolean excludes) {}

        static DockerIgnore read(Path file) throws IOException {
            List<Rule> rules = new ArrayList<>();
            if (Files.exists(file)) {
                for (String raw : Files.readAllLines(file)) {
                    String line = raw.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    boolean negated = line.startsWith("!");
                    String glob = clean(negated ? line.substring(1).strip() : line);
                    rules.add(new Rule(Pattern.compile(regex(glob)), !negated));
                }
            }
            return new DockerIgnore(rules);
        }

        boolean excludes(String path) {
            boolean excluded = false;
            for (Rule rule : rules) {
                if (matchesItOrAParent(rule.pattern(), path)) {
                    excluded = rule.excludes();
                }
            }
            return excluded;
        }

        private static boolean matchesItOrAParent(Pattern pattern, String path) {
            String candidate = path;
            while (true) {
                if (pattern.matcher(candidate).matches()) {
                    return true;
                }
                int slash = candidate.lastIndexOf('/');
                if (slash < 0) {
                    return false;
                }
                candidate = candidate.substring(0, slash);
            }
        }

        static String clean(String path) {
            String clean = path.replace('\\', '/').replaceAll("/+", "/");
            while (clean.startsWith("./") || clean.startsWith("/")) {
                clean = clean.substring(clean.startsWith("./") ? 2 : 1);
            }
            while (clean.endsWith("/") || clean.endsWith("/.")) {
                clean = clean.substring(0, clean.length() - (clean.endsWith("/") ? 1 : 2));
            }
            return clean.isEmpty() ? "." : clean;
        }

        private static String regex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean folder = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    regex.append(folder ? "(?:.*/)?" : ".*");
                    i += folder ? 2 : 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else if (c == '[') {
                    int end = glob.indexOf(']', i + 1);
                    regex.append(glob, i, end + 1);
                    i = end;
                } else if (c == '\\' && i + 1 < glob.length()) {
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // compose.yml

    private static Map<String, Object> compose() {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The nginx service: the one that mounts the template. */
    private static Map<String, Object> nginxService(Map<String, Map<String, Object>> services) {
        return single(
                services.values().stream()
                        .filter(s -> mounts(s).stream().anyMatch(m -> NGINX_TEMPLATE.equals(m.hostPath())))
                        .toList(),
                "the service that mounts " + NGINX_TEMPLATE);
    }

    /** The template's values as compose gives them to the nginx service. */
    private static Map<String, String> nginxValues() {
        return environment(nginxService(services()));
    }

    private static String composeNginxConf() {
        return NginxTemplate.render(nginxValues());
    }

    private static Directive location(Directive http, String... args) {
        return single(
                http.find("location").stream()
                        .filter(l -> l.args().equals(List.of(args)))
                        .toList(),
                "location " + String.join(" ", args));
    }

    /** nginx times (30s, 1h, 10m, 60) in seconds. */
    private static long seconds(String time) {
        Matcher matcher = Pattern.compile("(\\d+)([smhd]?)").matcher(time.strip());
        assertThat(matcher.matches()).as("a time: %s", time).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> value * 60;
            case "h" -> value * 3600;
            case "d" -> value * 86400;
            default -> value;
        };
    }

    private static Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose().get("services")).forEach((name, definition) -> services.put(name, map(definition)));
        assertThat(services).as("compose services").isNotEmpty();
        return services;
    }

    /** The services built from the JVM Dockerfile: the application's replicas. */
    private static Map<String, Map<String, Object>> appServices(Map<String, Map<String, Object>> services) {
        Map<String, Map<String, Object>> app = services.entrySet().stream()
                .filter(e -> e.getValue().get("build") instanceof Map<?, ?> build
                        && String.valueOf(build.get("dockerfile")).endsWith("Dockerfile.jvm"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(app).as("services built from docker/Dockerfile.jvm").isNotEmpty();
        return app;
    }

    record Mount(String source, Path hostPath, String target, boolean readOnly) {
        boolean bind() {
            return hostPath != null;
        }
    }

    private static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : list(service.get("volumes"))) {
            String source;
            String target;
            boolean readOnly;
            boolean bind;
            if (volume instanceof String shortSyntax) {
                String[] parts = interpolate(shortSyntax).split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
                readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
            } else {
                Map<String, Object> longSyntax = map(volume);
                source = interpolate(string(longSyntax.get("source")));
                target = string(longSyntax.get("target"));
                readOnly = Boolean.TRUE.equals(longSyntax.get("read_only"));
                bind = "bind".equals(longSyntax.get("type"));
            }
            mounts.add(new Mount(source, bind ? DOCKER.resolve(source).normalize() : null, target, readOnly));
        }
        return mounts;
    }

    private static List<String> dependsOn(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> conditions) {
            return conditions.keySet().stream().map(String::valueOf).toList();
        }
        return list(dependsOn).stream().map(String::valueOf).toList();
    }

    private static List<String> serviceNetworks(Map<String, Object> service) {
        Object networks = service.get("networks");
        if (networks instanceof Map<?, ?> named) {
            return named.keySet().stream().map(String::valueOf).toList();
        }
        List<String> listed = list(networks).stream().map(String::valueOf).toList();
        return listed.isEmpty() ? List.of("default") : listed;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> env.put(String.valueOf(k), interpolate(String.valueOf(v))));
        } else {
            for (Object entry : list(environment)) {
                String[] kv = String.valueOf(entry).split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            }
        }
        return env;
    }

    /** Compose interpolation with every variable unset: the defaults the repository ships. */
    private static String interpolate(String value) {
        Matcher matcher = Pattern.compile(
                        "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_]\\w*)")
                .matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) != null && matcher.group(2).endsWith("-")) {
                replacement = matcher.group(3);
            } else {
                throw new AssertionError("compose.yml: " + matcher.group() + " has no default");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String hostOf(String url, String scheme) {
        assertThat(url).as("URL").isNotNull().startsWith(scheme);
        return url.substring(scheme.length()).replaceFirst("[:/].*", "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).as("a YAML list").isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }

    private static List<Map<String, Object>> listOfMaps(Object value) {
        return list(value).stream().map(ContainerFilesIT::map).toList();
    }

    private static String string(Object value) {
        assertThat(value).as("a YAML string").isInstanceOf(String.class);
        return (String) value;
    }

    // ---------------------------------------------------------------------------------------------------------
    // nginx.conf: directives with their arguments and blocks; quoted strings and # comments as nginx reads them.

    record Directive(String name, List<String> args, List<Directive> children, Directive parent) {

        String arg(int index) {
            assertThat(args).as("arguments of %s", name).hasSizeGreaterThan(index);
            return args.get(index);
        }

        List<Directive> children(String childName) {
            return children.stream().filter(c -> c.name().equals(childName)).toList();
        }

        /** This block's directives of that name, at any depth. */
        List<Directive> find(String directiveName) {
            List<Directive> found = new ArrayList<>();
            for (Directive child : children) {
                if (child.name().equals(directiveName)) {
                    found.add(child);
                }
                found.addAll(child.find(directiveName));
            }
            return found;
        }

        List<Directive> ancestors() {
            List<Directive> ancestors = new ArrayList<>();
            for (Directive p = parent; p != null; p = p.parent()) {
                ancestors.add(p);
            }
            return ancestors;
        }

        @Override
        public String toString() {
            return name + " " + args;
        }
    }

    static final class Nginx {

        static Directive parse(String text) {
            List<String> tokens = tokens(text);
            Directive root = new Directive("", List.of(), new ArrayList<>(), null);
            int end = block(tokens, 0, root);
            assertThat(end).as("nginx.conf: unbalanced }").isEqualTo(tokens.size());
            return root;
        }

        private static int block(List<String> tokens, int start, Directive into) {
            int i = start;
            while (i < tokens.size() && !tokens.get(i).equals("}")) {
                String name = tokens.get(i++);
                List<String> args = new ArrayList<>();
                while (i < tokens.size()
                        && !tokens.get(i).equals(";")
                        && !tokens.get(i).equals("{")) {
                    args.add(tokens.get(i++));
                }
                assertThat(i).as("nginx.conf: %s is not terminated", name).isLessThan(tokens.size());
                Directive directive = new Directive(name, args, new ArrayList<>(), into);
                into.children().add(directive);
                if (tokens.get(i++).equals("{")) {
                    i = block(tokens, i, directive);
                    assertThat(i).as("nginx.conf: block %s is not closed", name).isLessThan(tokens.size());
                    i++; // the closing }
                }
            }
            return i;
        }

        private static List<String> tokens(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == ';' || c == '{' || c == '}') {
                    tokens.add(String.valueOf(c));
                    i++;
                } else if (c == '"' || c == '\'') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < text.length() && text.charAt(i) != c) {
                        if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                            i++;
                        }
                        quoted.append(text.charAt(i++));
                    }
                    assertThat(i).as("nginx.conf: unterminated string").isLessThan(text.length());
                    i++;
                    tokens.add(quoted.toString());
                } else {
                    int start = i;
                    while (i < text.length()
                            && !Character.isWhitespace(text.charAt(i))
                            && ";{}".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(text.substring(start, i));
                }
            }
            return tokens;
        }
    }

    private static String target(Directive proxyPass) {
        return proxyPass.arg(0).replaceFirst("https?://", "").replaceFirst("[/:].*", "");
    }

    private static <T> T single(List<T> items, String what) {
        assertThat(items).as(what).hasSize(1);
        return items.get(0);
    }

    /** nginx sizes (1m, 512k) and Quarkus memory sizes (1M, 512K) in bytes. */
    private static long bytes(String size) {
        Matcher matcher =
                Pattern.compile("(\\d+)([bkmgt]?)").matcher(size.strip().toLowerCase(Locale.ROOT));
        assertThat(matcher.matches()).as("a size: %s", size).isTrue();
        int shift = "bkmgt".indexOf(matcher.group(2).isEmpty() ? "b" : matcher.group(2)) * 10;
        return Long.parseLong(matcher.group(1)) << shift;
    }

    private static String applicationProperty(String key) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        assertThat(value).as("application.properties: %s", key).isNotNull();
        return value;
    }

    /** An executable on the PATH, or in the sbin folders where nginx usually is but a user's PATH may not reach. */
    private static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(
                List.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
        Predicate<Path> runnable = p -> Files.isRegularFile(p) && Files.isExecutable(p);
        return dirs.stream()
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .filter(runnable)
                .findFirst();
    }
}
