package io.sdlclens.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule for the two datasource URLs: both or neither, and a missing one is named with a value to set. */
class DatasourceUrlsTest {

    @Test
    void bothOrNeitherIsFine() {
        assertThat(DatasourceUrls.problem(
                        Optional.of("postgresql://db:5432/lens"), Optional.of("jdbc:postgresql://db:5432/lens")))
                .isEmpty();
        assertThat(DatasourceUrls.problem(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void onlyTheReactiveUrlNamesTheJdbcVariableWhyAndAValueWithoutCredentialsOrParameters() {
        Optional<String> problem = DatasourceUrls.problem(
                Optional.of("postgresql://lens:s3cret@db.example:6432/lens?sslmode=require"), Optional.empty());

        assertThat(problem).hasValueSatisfying(message -> {
            assertThat(message)
                    .startsWith("QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url) is not set")
                    .contains("needs both", "QUARKUS_DATASOURCE_REACTIVE_URL serves requests")
                    .contains("QUARKUS_DATASOURCE_JDBC_URL runs the schema migrations at startup")
                    .endsWith("set QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db.example:6432/lens")
                    .doesNotContain("s3cret")
                    .doesNotContain("\n");
        });
    }

    @Test
    void onlyTheJdbcUrlNamesTheReactiveVariableWithAValue() {
        assertThat(DatasourceUrls.problem(Optional.empty(), Optional.of("jdbc:postgresql://db:5432/lens?ssl=true")))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("QUARKUS_DATASOURCE_REACTIVE_URL (quarkus.datasource.reactive.url) is not set")
                        .endsWith("set QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://db:5432/lens"));
        assertThat(DatasourceUrls.problem(Optional.of("postgres://db"), Optional.empty()))
                .hasValueSatisfying(message ->
                        assertThat(message).endsWith("set QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db"));
    }

    @Test
    void aUrlItCannotReadGetsAnExampleInstead() {
        assertThat(DatasourceUrls.problem(Optional.of("mysql://db/lens"), Optional.empty()))
                .hasValueSatisfying(message -> assertThat(message)
                        .endsWith("set QUARKUS_DATASOURCE_JDBC_URL=a JDBC URL of the same database, e.g. "
                                + "jdbc:postgresql://db.example:5432/sdlclens"));
    }
}
