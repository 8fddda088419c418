package io.sdlclens.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "My Cool Project|my-cool-project",
                "Café Déjà|cafe-deja",
                "HomelabCmd|homelabcmd",
                "  spaces   around  |spaces-around",
                "snake_case_name|snake-case-name",
                "--dashes--|dashes",
                "a - b|a-b",
                "Ünïcödé Ñame 2026|unicode-name-2026",
                "ﬁle ligature|file-ligature",
                "C++ & C#|c-c",
                "日本語|''",
                "!!!|''",
            })
    void makesSlugsByTheContractRules(String name, String slug) {
        assertThat(Slugs.of(name)).isEqualTo(slug);
    }

    @Test
    void everyKindOfWhitespaceSeparates() {
        assertThat(Slugs.of("tabs\tand\nnew\u00a0lines")).isEqualTo("tabs-and-new-lines");
    }
}
