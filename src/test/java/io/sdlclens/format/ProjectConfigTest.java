package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {

    private static ProjectConfig.Input yaml(String text) {
        return ProjectConfig.Input.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final ProjectConfig.Input ABSENT = ProjectConfig.Input.absent();

    @Test
    void bothFilesMissingIsAnEmptyConfigWithoutWarnings() {
        ProjectConfig config = ProjectConfig.parse(ABSENT, ABSENT);

        assertThat(config).isEqualTo(ProjectConfig.EMPTY);
        assertThat(config.vocabulary().fingerprint()).isEmpty();
    }

    @Test
    void theConfigFileWinsFieldByFieldAndTheVersionFileFillsTheRest() {
        ProjectConfig config = ProjectConfig.parse(
                yaml("profile: enterprise\nstatus_vocab:\n  story: [Gated]\n"),
                yaml("schema_version: 3\nprofile: standard\n"));

        assertThat(config.schemaVersion()).isEqualTo("3");
        assertThat(config.profile()).isEqualTo("enterprise");
        assertThat(config.vocabulary().customStatuses()).isEqualTo(Map.of("story", List.of("Gated")));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void onlyAVersionFileGivesSchemaVersionAndProfileButNoStatuses() {
        ProjectConfig config = ProjectConfig.parse(
                ABSENT, yaml("schema_version: 2\nprofile: minimal\nstatus_vocab:\n  story: [Gated]\n"));

        assertThat(config.schemaVersion()).isEqualTo("2");
        assertThat(config.profile()).isEqualTo("minimal");
        assertThat(config.vocabulary()).isSameAs(StatusVocabulary.builtIn());
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void valuesAreKeptAsTheYamlWritesThem() {
        assertThat(ProjectConfig.parse(yaml("schema_version: 3.10"), ABSENT).schemaVersion())
                .isEqualTo("3.10");
        assertThat(ProjectConfig.parse(yaml("schema_version: \"3\""), ABSENT).schemaVersion())
                .isEqualTo("3");
        assertThat(ProjectConfig.parse(yaml("schema_version: '003'"), ABSENT).schemaVersion())
                .isEqualTo("003");
        assertThat(ProjectConfig.parse(yaml("schema_version: 0x1F"), ABSENT).schemaVersion())
                .isEqualTo("0x1F");
        assertThat(ProjectConfig.parse(yaml("schema_version: 2026-01-02"), ABSENT)
                        .schemaVersion())
                .isEqualTo("2026-01-02");
        assertThat(ProjectConfig.parse(yaml("profile: yes"), ABSENT).profile()).isEqualTo("yes");
    }

    @Test
    void nullAndBlankValuesAreAbsentAndFallBackToTheVersionFile() {
        ProjectConfig config =
                ProjectConfig.parse(yaml("schema_version: ~\nprofile:\n"), yaml("schema_version: 4\nprofile: null"));

        assertThat(config.schemaVersion()).isEqualTo("4");
        assertThat(config.profile()).isNull();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void emptyAndCommentOnlyFilesAreSilent() {
        assertThat(ProjectConfig.parse(yaml(""), yaml("# nothing yet\n"))).isEqualTo(ProjectConfig.EMPTY);
    }

    @Test
    void malformedYamlIsIgnoredWithAWarningNamingTheFileAndPosition() {
        ProjectConfig config = ProjectConfig.parse(
                yaml("schema_version: 3\nstatus_vocab: [unclosed\nsecret: hunter2\n"), yaml("profile: standard"));

        assertThat(config.schemaVersion()).isNull();
        assertThat(config.profile()).isEqualTo("standard");
        assertThat(config.vocabulary()).isSameAs(StatusVocabulary.builtIn());
        assertThat(config.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .startsWith(".config.yaml is not valid YAML (line ")
                        .endsWith("; it was ignored: fix the YAML syntax")
                        .doesNotContain("hunter2"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsIgnoredWithAWarning() {
        ProjectConfig config = ProjectConfig.parse(yaml("- a\n- b\n"), yaml("just text"));

        assertThat(config.warnings())
                .containsExactly(
                        ".config.yaml should be a YAML mapping (key: value lines), not a list; it was ignored",
                        ".version should be a YAML mapping (key: value lines), not a single value; it was ignored");
    }

    @Test
    void wrongTypesAreIgnoredWithWarningsAndTheRestIsKept() {
        ProjectConfig config = ProjectConfig.parse(yaml("""
                        schema_version: [3]
                        profile: {name: x}
                        status_vocab:
                          story: [Gated, {odd: 1}, "", ~]
                          bug: Triaged
                        """), yaml("schema_version: 5"));

        assertThat(config.schemaVersion()).isEqualTo("5");
        assertThat(config.profile()).isNull();
        assertThat(config.vocabulary().customStatuses())
                .isEqualTo(Map.of("story", List.of("Gated"), "bug", List.of("Triaged")));
        assertThat(config.warnings())
                .containsExactly(
                        ".config.yaml: schema_version should be a single value, not a list; it was ignored",
                        ".config.yaml: profile should be a single value, not a mapping; it was ignored",
                        ".config.yaml: status_vocab.story should list statuses as plain values, not a mapping; that"
                                + " entry was ignored");
    }

    @Test
    void aStatusVocabThatIsNotAMappingIsIgnored() {
        ProjectConfig config = ProjectConfig.parse(yaml("status_vocab: [Gated]"), ABSENT);

        assertThat(config.vocabulary()).isSameAs(StatusVocabulary.builtIn());
        assertThat(config.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .startsWith(".config.yaml: status_vocab should map document types to lists of statuses"));
    }

    @Test
    void aHugeFileIsRefusedUnparsed() {
        byte[] huge = ("profile: x\n" + "# padding\n".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        ProjectConfig config = ProjectConfig.parse(ProjectConfig.Input.of(huge), ABSENT);

        assertThat(config.profile()).isNull();
        assertThat(config.warnings()).containsExactly(".config.yaml is larger than 64 KiB; it was ignored");
    }

    @Test
    void aliasBombsAndDeepNestingAreRefused() {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        assertThat(ProjectConfig.parse(yaml(bomb), ABSENT).warnings()).hasSize(1);
        assertThat(ProjectConfig.parse(yaml("x: " + "[".repeat(100) + "]".repeat(100)), ABSENT)
                        .warnings())
                .hasSize(1);
    }

    @Test
    void invalidUtf8IsIgnoredWithAWarning() {
        ProjectConfig config =
                ProjectConfig.parse(ProjectConfig.Input.of(new byte[] {'a', ':', ' ', (byte) 0xC3}), ABSENT);

        assertThat(config.warnings()).containsExactly(".config.yaml is not valid UTF-8; it was ignored");
    }

    @Test
    void aFolderIsReadFromItsRootAndALinkIsNotFollowed(@TempDir Path root) throws IOException {
        assertThat(FolderConfigFiles.read(root)).isEqualTo(ProjectConfig.EMPTY);

        Files.writeString(root.resolve(".version"), "schema_version: 3\n");
        Path elsewhere = Files.writeString(root.resolve("other.yaml"), "profile: linked\n");
        Files.createSymbolicLink(root.resolve(".config.yaml"), elsewhere);
        ProjectConfig config = FolderConfigFiles.read(root);

        assertThat(config.schemaVersion()).isEqualTo("3");
        assertThat(config.profile()).isNull();
        assertThat(config.warnings())
                .containsExactly(".config.yaml is a symbolic link, which is not followed; it was ignored");
    }

    @Test
    void aFolderNamedLikeTheConfigIsAWarning(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve(".config.yaml"));

        assertThat(FolderConfigFiles.read(root).warnings())
                .containsExactly(".config.yaml is not a regular file; it was ignored");
    }
}
