package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusVocabularyTest {

    @ParameterizedTest(name = "[{index}] {0} ({1}) -> {2}")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                // the spec's examples
                "Done — implemented 2026-07-08 ; story ; Done",
                "**Done** ; story ; Done",
                "Complete (81/88) ; plan ; Complete",
                "in progress ; story ; In Progress",
                "Gated — waiting ; story ; Gated",
                // longest token first, case-insensitive, token alone or followed by a space
                "In Review ; rfc ; In Review",
                "in review since Monday ; rfc ; In Review",
                "In Progress ; rfc ; In Progress",
                "IN PROGRESS - 80% ; epic ; In Progress",
                "Won't Implement ; story ; Won't Implement",
                "won't implement because out of scope ; story ; Won't Implement",
                "won't fix - dup ; bug ; Won't Fix",
                "Won’t Fix ; bug ; Won't Fix",
                "Review ; story ; Review",
                "Reviewing ; workflow ; Reviewing",
                "Done today ; epic ; Done",
                // decoration: leading >, whitespace, *, _, backticks; trailing markup too
                "> **Ready** ; story ; Ready",
                "  __Draft__   ; epic ; Draft",
                "`Blocked` ; story ; Blocked",
                "***Done*** ; story ; Done",
                "**Done** — shipped ; story ; Done",
                "Done** ; story ; Done",
                "> > Done ; story ; Done",
                // cut at the first separator, then match again
                "Approved - by PO ; epic ; Approved",
                "Accepted – 2026-01-02 ; rfc ; Accepted",
                "Fixed · v1.2 ; bug ; Fixed",
                "Superseded | by US0009 ; story ; Superseded",
                "Complete(81/88) ; test-spec ; Complete",
                "Proposed (awaiting triage) ; cr ; Proposed",
                "inbox ; bug ; inbox",
                "INBOX ; rfc ; inbox",
                // custom statuses survive, minus decoration and explanation; a token glued to punctuation is not a
                // match
                "Gated ; story ; Gated",
                "On Hold - waiting for legal ; epic ; On Hold",
                "**Parked** (see notes) ; plan ; Parked",
                "Done, see PR ; story ; Done, see PR",
                "Done. ; story ; Done.",
                "Done: shipped ; story ; Done: shipped",
                "Doneish ; story ; Doneish",
                "(draft) ; story ; (draft)",
                // a token outside the type's vocabulary is kept as written
                "Fixed ; epic ; Fixed",
                "open ; epic ; open",
                "Accepted ; story ; Accepted",
                // Done and Complete belong to every type
                "done ; plan ; Done",
                "complete ; story ; Complete",
                "COMPLETE - all green ; workflow ; Complete",
                // other types use the union of all vocabularies
                "fixed ; other ; Fixed",
                "in review ; prd ; In Review",
                "paused ; decision ; Paused",
            })
    void canonicalises(String raw, String type, String expected) {
        assertThat(StatusVocabulary.canonicalise(raw, type)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "**", "> ", "``", "__ __", "\t>"})
    void blankIsNull(String raw) {
        assertThat(StatusVocabulary.canonicalise(raw, "story")).isNull();
    }

    @Test
    void canonicalisingIsIdempotent() {
        for (String raw : new String[] {"Done — x", "in progress", "Gated — waiting", "won't fix - dup"}) {
            String once = StatusVocabulary.canonicalise(raw, "bug");
            assertThat(StatusVocabulary.canonicalise(once, "bug")).isEqualTo(once);
        }
    }

    @Test
    void nullTypeUsesTheUnion() {
        assertThat(StatusVocabulary.canonicalise("withdrawn", null)).isEqualTo("Withdrawn");
        assertThat(StatusVocabulary.isTerminal("withdrawn", null)).isTrue();
    }

    @ParameterizedTest(name = "{0} ({1}) terminal")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "Done ; epic",
                "Done ; story",
                "Won't Implement ; story",
                "Superseded ; story",
                "Complete ; plan",
                "Superseded ; plan",
                "Fixed ; bug",
                "Verified ; bug",
                "Closed ; bug",
                "Won't Fix ; bug",
                "Superseded ; bug",
                "Complete ; cr",
                "Rejected ; cr",
                "Superseded ; cr",
                "Accepted ; rfc",
                "Superseded ; rfc",
                "Withdrawn ; rfc",
                "Complete ; test-spec",
                "Superseded ; test-spec",
                "Done ; workflow",
                "Superseded ; workflow",
                // Done and Complete are terminal for every type
                "Complete ; epic",
                "Done ; plan",
                "Complete ; story",
                "Done ; rfc",
                "done ; bug",
                // union for other types
                "Closed ; other",
                "Accepted ; prd",
                "Won't Fix ; review",
                // raw values are canonicalised first
                "**Done** — shipped 2026-07-08 ; epic",
                "won’t implement ; story",
            })
    void terminal(String status, String type) {
        assertThat(StatusVocabulary.isTerminal(status, type)).isTrue();
    }

    @ParameterizedTest(name = "{0} ({1}) not terminal")
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            nullValues = "null",
            value = {
                "null ; story",
                "Draft ; epic",
                "In Progress ; story",
                "Blocked ; story",
                "Deferred ; story",
                "Review ; story",
                "inbox ; bug",
                "Open ; bug",
                "In Review ; rfc",
                "Paused ; workflow",
                "Gated ; story",
                // terminal elsewhere, but not for this type
                "Fixed ; story",
                "Accepted ; cr",
                "Superseded ; epic",
                "Closed ; plan",
                "Draft ; other",
            })
    void notTerminal(String status, String type) {
        assertThat(StatusVocabulary.isTerminal(status, type)).isFalse();
    }

    @Test
    void projectStatusesCanonicaliseToThemselvesForTheirTypeOnly() {
        StatusVocabulary vocabulary = StatusVocabulary.withCustom(
                Map.of("story", List.of("Gated", "Ready for QA"), "Bug", List.of("Triaged")));

        assertThat(vocabulary.canonical("gated — waiting for legal", "story")).isEqualTo("Gated");
        assertThat(vocabulary.canonical("READY FOR QA since Monday", "story")).isEqualTo("Ready for QA");
        // longest first: the built-in "Ready" does not win over the longer project token
        assertThat(vocabulary.canonical("ready for qa", "story")).isEqualTo("Ready for QA");
        assertThat(vocabulary.canonical("ready", "story")).isEqualTo("Ready");
        assertThat(vocabulary.canonical("triaged", "bug")).isEqualTo("Triaged");
        // other types keep the built-in behaviour: unknown text survives as written
        assertThat(vocabulary.canonical("ready for qa", "epic")).isEqualTo("Ready");
        assertThat(vocabulary.canonical("triaged", "story")).isEqualTo("triaged");
        assertThat(StatusVocabulary.canonicalise("ready for qa", "story")).isEqualTo("Ready");
    }

    @Test
    void aProjectStatusNeverChangesABuiltInOne() {
        StatusVocabulary vocabulary = StatusVocabulary.withCustom(Map.of("story", List.of("done", "IN PROGRESS")));

        assertThat(vocabulary).isSameAs(StatusVocabulary.builtIn());
        assertThat(vocabulary.canonical("done", "story")).isEqualTo("Done");
        assertThat(vocabulary.terminal("done", "story")).isTrue();
    }

    @Test
    void projectStatusesAreNotTerminal() {
        StatusVocabulary vocabulary = StatusVocabulary.withCustom(Map.of("story", List.of("Done Pending Sign-off")));

        assertThat(vocabulary.canonical("Done pending sign-off", "story")).isEqualTo("Done Pending Sign-off");
        assertThat(vocabulary.terminal("Done pending sign-off", "story")).isFalse();
        assertThat(vocabulary.terminal("Done", "story")).isTrue();
    }

    @Test
    void theFingerprintNamesWhatTheVocabularyAdds() {
        String gated =
                StatusVocabulary.withCustom(Map.of("story", List.of("Gated"))).fingerprint();

        assertThat(StatusVocabulary.builtIn().fingerprint()).isEmpty();
        assertThat(gated).hasSize(64);
        assertThat(StatusVocabulary.withCustom(Map.of("Story", List.of(" Gated ", "gated")))
                        .fingerprint())
                .isEqualTo(gated);
        assertThat(StatusVocabulary.withCustom(Map.of("story", List.of("Parked")))
                        .fingerprint())
                .isNotEqualTo(gated);
        assertThat(StatusVocabulary.withCustom(Map.of("bug", List.of("Gated"))).fingerprint())
                .isNotEqualTo(gated);
    }
}
