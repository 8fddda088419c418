package io.sdlclens.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker/nginx.conf.template} rendered as {@code envsubst} renders it with the names it lists
 * renders it: the named placeholders replaced, nginx's own {@code $variables} left alone.
 */
public final class NginxTemplate {

    public static final Path TEMPLATE = Path.of("docker/nginx.conf.template").toAbsolutePath();
    /** What nginx.conf includes besides itself; the packaged nginx has it next to its own configuration. */
    private static final Path MIME_TYPES = Path.of("/etc/nginx/mime.types");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private NginxTemplate() {}

    /** The template with every {@code ${NAME}} replaced; a placeholder without a value fails. */
    public static String render(Map<String, String> values) {
        String template;
        try {
            template = Files.readString(TEMPLATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            assertThat(value)
                    .as("a value for %s in %s", matcher.group(), TEMPLATE)
                    .isNotNull();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Writes the rendered configuration as {@code dir/nginx.conf}, with the {@code mime.types} it includes, and
     * {@code httpExtra} placed at the top of its http block (what a test needs besides: temp folders of its own).
     */
    public static Path write(Path dir, Map<String, String> values, String httpExtra) {
        String rendered = render(values);
        assertThat(rendered).contains("http {");
        rendered = rendered.replaceFirst("(?m)^http \\{$", Matcher.quoteReplacement("http {\n" + httpExtra));
        try {
            Path conf = Files.writeString(dir.resolve("nginx.conf"), rendered);
            if (Files.isRegularFile(MIME_TYPES)) {
                Files.copy(MIME_TYPES, dir.resolve("mime.types"));
            } else {
                Files.writeString(dir.resolve("mime.types"), "types {\n    text/html html;\n}\n");
            }
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
