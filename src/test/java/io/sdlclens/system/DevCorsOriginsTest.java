package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dev profile's CORS origins, read from application.properties the way Quarkus reads them (the dev profile
 * cannot run in a {@code @QuarkusTest}) and matched by the CORS filter's own regex rule.
 */
class DevCorsOriginsTest {

    static List<Pattern> devOrigins() throws Exception {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("dev")
                .withSources(new PropertiesConfigSource(
                        DevCorsOriginsTest.class.getClassLoader().getResource("application.properties")))
                .build();
        List<String> origins = config.getValues("quarkus.http.cors.origins", String.class);
        return CORSFilter.parseAllowedOriginsRegex(Optional.of(origins));
    }

    @Test
    void localDevServersOnAnyPortAreAllowed() throws Exception {
        List<Pattern> patterns = devOrigins();
        for (String origin : List.of(
                "http://localhost:5173", "http://localhost:3000", "http://127.0.0.1:8081", "http://localhost")) {
            assertThat(CORSFilter.isOriginAllowedByRegex(patterns, origin))
                    .as(origin)
                    .isTrue();
        }
    }

    @Test
    void lookalikeAndRemoteOriginsAreNot() throws Exception {
        List<Pattern> patterns = devOrigins();
        for (String origin : List.of(
                "http://localhost.evil.example",
                "http://localhost:5173.evil.example",
                "https://evil.example",
                "http://127.0.0.10:3000",
                "http://localhostx:3000",
                "null")) {
            assertThat(CORSFilter.isOriginAllowedByRegex(patterns, origin))
                    .as(origin)
                    .isFalse();
        }
    }
}
