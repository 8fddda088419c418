package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentIdsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0} -> head {1}, type {2}")
    @CsvSource({
        "EP0001-project-management, EP0001, epic",
        "US-01JQK3F8-story, US-01JQK3F8, story",
        "US0001, US0001, story",
        "CR-0003-token, CR-0003, cr",
        "PL0002-plan, PL0002, plan",
        "TS0004, TS0004, test-spec",
        "BG0005-crash, BG0005, bug",
        "RFC0006-api, RFC0006, rfc",
        "WF0007-flow, WF0007, workflow",
        "RETRO0008-sprint, RETRO0008, retro",
        "RV0009-review, RV0009, review",
        "ep0001-lower, ep0001, epic",
        "Us-01jqk3f8-mixed, Us-01jqk3f8, story",
        "US-00010002, US-00010002, story",
        "US0001_underscore, US0001, story",
        "US0001.v2, US0001, story",
        "US0000123456789-long, US0000123456789, story"
    })
    void findsIdHeadsInFileStems(String stem, String head, String type) {
        assertThat(DocumentIds.head(stem)).isEqualTo(new DocumentIds.IdHead(head, type));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EPIC0001", // greedy prefix EPIC is unknown
                "US001-short", // 3 digits
                "PL-answered", // 8 Crockford characters but no digit
                "US-01JQK3F", // ULID part too short (7)
                "US-01JQK3FI", // I is not Crockford base32
                "US0001a-glued", // an id may not run into letters
                "US-01JQK3F8story", // ...nor a ULID (the run swallows "ST", then "o" is glued)
                "XUS0001", // prefix is the whole letter run
                "0001-US",
                "US--0001",
                "US 0001",
                "notes",
                ""
            })
    void rejectsStemsWithoutAnIdHead(String stem) {
        assertThat(DocumentIds.head(stem)).isNull();
    }

    @Test
    void refIdIsTheNormalisedHead() {
        assertThat(DocumentIds.head("US-01JQK3F8-x").refId()).isEqualTo("US01JQK3F8");
        assertThat(DocumentIds.head("CR-0003-token").refId()).isEqualTo("CR0003");
        assertThat(DocumentIds.head("ep0001-lower").refId()).isEqualTo("EP0001");
    }

    @Test
    void normaliseRemovesNonAlphanumericsAndUpperCases() {
        assertThat(DocumentIds.normalise("us-01jqk3f8")).isEqualTo("US01JQK3F8");
        assertThat(DocumentIds.normalise("CR-0003")).isEqualTo("CR0003");
        assertThat(DocumentIds.normalise(" EP_0001 ")).isEqualTo("EP0001");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[EP0007: Git Sync](../epics/EP0007-x.md) | EP0007",
                "EP0007 | EP0007",
                "EP-0007 | EP0007",
                "US-01JQK3F8 | US01JQK3F8",
                "[Story](../stories/US-01JQK3F8-story.md) | US01JQK3F8",
                "[Git Sync](../epics/EP0007-git-sync.md) | EP0007",
                "US0001,US0002 | US0001",
                "see the epic EP0003 (was EP0002) | EP0003",
                "**EP0004** | EP0004",
                "`US0005` | US0005",
                "(US0006) | US0006",
            })
    void firstTokenFindsTheFirstIdAnywhereInTheValue(String value, String expected) {
        assertThat(DocumentIds.firstToken(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "TBD",
                "-",
                "—",
                "N/A",
                "  ",
                "ep0007", // values need an upper-case prefix: lower-case is a word or a path, not a reference
                "[git sync](../epics/ep0007-x.md)",
                "Ep0007",
                "EPIC0007",
                "EP007",
                "EP0007a",
                "XEP0007",
                "JIRA-1234",
                "PL-answered"
            })
    void firstTokenIsNullWithoutAnUpperCaseKnownId(String value) {
        assertThat(DocumentIds.firstToken(value)).isNull();
    }

    @Test
    void allTokensAreNormalisedDeduplicatedAndInOrder() {
        assertThat(DocumentIds.allTokens("US0001,US0002")).containsExactly("US0001", "US0002");
        assertThat(DocumentIds.allTokens("US0002, US-0001, US0002, US0001")).containsExactly("US0002", "US0001");
        assertThat(DocumentIds.allTokens("[US0003: Login](../stories/US0003-login.md), [US0004](US0004.md)"))
                .containsExactly("US0003", "US0004");
        assertThat(DocumentIds.allTokens("EP0001/US0002; RFC-0003 and US-01JQK3F8"))
                .containsExactly("EP0001", "US0002", "RFC0003", "US01JQK3F8");
        assertThat(DocumentIds.allTokens("us0001 and Us0002 and US0003")).containsExactly("US0003");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"none", "TBD", "-", "—"})
    void allTokensIsEmptyWithoutIds(String value) {
        assertThat(DocumentIds.allTokens(value)).isEmpty();
    }

    @Test
    void scanningAHugeValueNeverBacktracks() {
        // A letter run with no id after it, and a 400k-character ULID-like run glued to a non-Crockford "o".
        String hostile =
                "A".repeat(200_000) + " US-" + "0A".repeat(200_000) + "o US-" + "B".repeat(200_000) + " US0001";
        // A backtracking scan would take hours on this input; the bound only guards against a hang and is far
        // above any machine's linear time, so a busy machine cannot make it fail (speed belongs in src/bench).
        assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> DocumentIds.allTokens(hostile)))
                .containsExactly("US0001");
    }
}
