package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar started with only one of the two datasource URLs stops at once with exit code 1 and one line
 * naming the missing variable: no stack trace, no log lines around it. No database is needed: it never connects.
 */
class DatasourceUrlsIT {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
        "QUARKUS_DATASOURCE_REACTIVE_URL, postgresql://db.example:5432/lens, "
                + "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db.example:5432/lens",
        "QUARKUS_DATASOURCE_JDBC_URL, jdbc:postgresql://db.example:5432/lens, "
                + "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://db.example:5432/lens"
    })
    void oneUrlStopsTheStartWithOneLineNamingTheOther(String variable, String url, String advice) throws Exception {
        assumeTrue(PackagedService.isPackaged(), "runs after package");
        Map<String, String> environment = Map.of(
                variable,
                url,
                "QUARKUS_DATASOURCE_USERNAME",
                "lens",
                "QUARKUS_DATASOURCE_PASSWORD",
                "not-a-secret",
                "QUARKUS_HTTP_PORT",
                Integer.toString(PackagedService.freePort()),
                "SDLC_LENS_ALLOWED_ROOTS",
                temp.toString());

        try (PackagedService service = PackagedService.start(environment, temp.resolve("out.log"))) {
            assertThat(service.process().waitFor(60, TimeUnit.SECONDS))
                    .as("the start ends by itself")
                    .isTrue();
            String output = service.output();
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();

            assertThat(service.process().exitValue()).as(output).isEqualTo(1);
            assertThat(lines).as(output).hasSize(1);
            assertThat(lines.get(0))
                    .contains(" is not set, but " + variable + " is: SDLC Lens needs both")
                    .endsWith("set " + advice)
                    .doesNotContain("not-a-secret");
            assertThat(output).doesNotContain("Exception", "\tat ", "ERROR");
        }
    }
}
