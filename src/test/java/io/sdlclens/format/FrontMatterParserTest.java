package io.sdlclens.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrontMatterParserTest {

    private static final DocumentIdentity STORY = DocumentIdentity.infer("stories/US0001-login.md");

    private static ParsedDocument parse(String text) {
        return FrontMatterParser.parse(text, STORY);
    }

    @Test
    void parsesATypicalStory() {
        ParsedDocument doc = parse("""
                # US0001: Login with SSO

                > **Status:** In Progress
                > **Epic:** [EP0007: Git Sync](../epics/EP0007-git-sync.md)
                > **Owner:** Priya Nair
                > **Priority:** High - customer escalation
                > **Story Points:** 5
                > **Depends on:** US0002, [US0003](US0003-x.md), US0002
                > **Aliases:** US-01JQK3F8
                > **Raised-by:** Support
                > **Created:** 2026-01-05

                ## Summary
                Users sign in with SSO.
                """);

        assertThat(doc.title()).isEqualTo("US0001: Login with SSO");
        assertThat(doc.status()).isEqualTo("In Progress");
        assertThat(doc.epic()).isEqualTo("EP0007");
        assertThat(doc.story()).isNull();
        assertThat(doc.owner()).isEqualTo("Priya Nair");
        assertThat(doc.priority()).isEqualTo("High - customer escalation");
        assertThat(doc.storyPoints()).isEqualTo(5);
        assertThat(doc.dependsOn()).containsExactly("US0002", "US0003");
        assertThat(doc.aliases()).containsExactly("US01JQK3F8");
        assertThat(doc.metadata())
                .containsExactly(Map.entry("raised-by", "Support"), Map.entry("created", "2026-01-05"));
        assertThat(doc.body()).isEqualTo("## Summary\nUsers sign in with SSO.\n");
    }

    @Nested
    class Metadata {

        @Test
        void acceptsBothKeyForms() {
            ParsedDocument doc = parse("> **Status**: Done\n> **Owner:** Ann\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isEqualTo("Ann");
        }

        @Test
        void valuesKeepInnerColons() {
            ParsedDocument doc = parse("> **Repo:** http://h:8080/p\n> **Time**: 10:30: sharp\n");
            assertThat(doc.metadata())
                    .containsExactly(Map.entry("repo", "http://h:8080/p"), Map.entry("time", "10:30: sharp"));
        }

        @Test
        void inlineKeysAfterMiddleDotOrBar() {
            ParsedDocument doc = parse("> **Status:** Done · **Owner:** Ann | **Priority**: P1 · **Sprint:** 12\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isEqualTo("Ann");
            assertThat(doc.priority()).isEqualTo("P1");
            assertThat(doc.metadata()).containsExactly(Map.entry("sprint", "12"));
        }

        @Test
        void separatorsWithoutAKeyStayInTheValue() {
            ParsedDocument doc = parse("> **Notes:** a | b · c | **bold** text · **x\n");
            assertThat(doc.metadata()).containsExactly(Map.entry("notes", "a | b · c | **bold** text · **x"));
        }

        @Test
        void nonMetadataLinesContinueThePreviousValue() {
            ParsedDocument doc = parse("""
                    > Written for the platform team.
                    > **Summary:** first line
                    >   second line
                    >
                    > **third** part
                    > **Status:** In
                    > Progress
                    """);
            assertThat(doc.metadata()).containsExactly(Map.entry("summary", "first line second line **third** part"));
            assertThat(doc.status()).isEqualTo("In Progress");
        }

        @Test
        void aContinuedValueCanCarryInlineKeys() {
            ParsedDocument doc = parse("> **Status:** Draft\n> · **Owner:** Ann\n");
            assertThat(doc.status()).isEqualTo("Draft");
            assertThat(doc.owner()).isEqualTo("Ann");
        }

        @Test
        void firstOccurrenceOfAKeyWins() {
            ParsedDocument doc = parse("> **Status:** Draft · **Owner:** Ann\n> **Owner:** Bob\n> **status:** Done\n");
            assertThat(doc.status()).isEqualTo("Draft");
            assertThat(doc.owner()).isEqualTo("Ann");
        }

        @Test
        void emptyValues() {
            ParsedDocument doc = parse("> **Owner:**\n> **Reviewer:**\n> **Status:** \n> **Epic**:\n");
            assertThat(doc.owner()).isNull();
            assertThat(doc.status()).isNull();
            assertThat(doc.epic()).isNull();
            assertThat(doc.metadata()).containsExactly(Map.entry("reviewer", ""));
        }

        @Test
        void unicodeKeysAndValues() {
            ParsedDocument doc = parse("> **Propriétaire:** Zoë 🚀\n> **Story\u00A0Points:** 3\n> **担当:** 田中\n");
            assertThat(doc.metadata()).containsExactly(Map.entry("propriétaire", "Zoë 🚀"), Map.entry("担当", "田中"));
            assertThat(doc.storyPoints()).isEqualTo(3);
        }

        @Test
        void metadataIsAnOrderedUnmodifiableMapThatIsEmptyWhenNone() {
            assertThat(parse("> **Status:** Done\n").metadata()).isEmpty();
            ParsedDocument doc = parse("> **Zeta:** 1\n> **Alpha:** 2\n> **Mid:** 3\n");
            assertThat(doc.metadata().keySet()).containsExactly("zeta", "alpha", "mid");
            assertThatThrownBy(() -> doc.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void boldTextThatIsNotAKeyIsNotMetadata() {
            ParsedDocument doc = parse("> **Important** read this\n> **Status:** Done\n");
            assertThat(doc.metadata()).isEmpty();
            assertThat(doc.status()).isEqualTo("Done");
        }

        @Test
        void statusIsCanonicalisedForTheDocumentType() {
            String text = "> **Status:** **accepted** — 2026-03-01\n";
            assertThat(FrontMatterParser.parse(text, DocumentIdentity.infer("rfcs/RFC0001-x.md"))
                            .status())
                    .isEqualTo("Accepted");
            assertThat(parse(text).status()).isEqualTo("accepted");
        }

        @Test
        void epicAndStoryTakeTheFirstIdToken() {
            ParsedDocument doc = parse("> **Epic:** [EP0007: Git Sync](../epics/EP0007-x.md)\n"
                    + "> **Story:** see [Login](../stories/US-01JQK3F8-login.md) and US0002\n");
            assertThat(doc.epic()).isEqualTo("EP0007");
            assertThat(doc.story()).isEqualTo("US01JQK3F8");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = ';',
                value = {"TBD", "-", "—", "none", "ep0007 (lower case)"})
        void epicWithoutAnIdTokenIsNull(String value) {
            assertThat(parse("> **Epic:** " + value + "\n").epic()).isNull();
        }

        @Test
        void dependsOnAndAliasesCollectEveryToken() {
            ParsedDocument doc =
                    parse("> **Depends On:** US0001,US0002, EP-0001, [US0001](US0001.md)\n> **Aliases:** TBD\n");
            assertThat(doc.dependsOn()).containsExactly("US0001", "US0002", "EP0001");
            assertThat(doc.aliases()).isEmpty();
        }

        @ParameterizedTest(name = "story points \"{0}\" -> {1}")
        @CsvSource(
                delimiter = ';',
                quoteCharacter = '"',
                nullValues = "null",
                value = {
                    "5; 5",
                    "\" 5 \"; 5",
                    "5 points; 5",
                    "**8**; 8",
                    "13 (estimate); 13",
                    "0; 0",
                    "`3`; 3",
                    "TBD; null",
                    "3.5; null",
                    "5pts; null",
                    "~5; null",
                    "-1; null",
                    "9999999999; null",
                    "five; null",
                })
        void storyPointsAreALeadingWholeNumber(String value, Integer expected) {
            assertThat(parse("> **Story Points:** " + value + "\n").storyPoints())
                    .isEqualTo(expected);
        }
    }

    @Nested
    class KeyNormalisation {

        @ParameterizedTest(name = "\"{0}\" -> {1}")
        @CsvSource(
                delimiter = ';',
                quoteCharacter = '"',
                value = {
                    "Story Points; story_points",
                    "Depends on; depends_on",
                    "Raised-by; raised-by",
                    "\"  Last   Updated :: \"; last_updated",
                    "STATUS:; status",
                    "Tab\tSeparated; tab_separated",
                })
        void normalisesKeys(String raw, String expected) {
            assertThat(FrontMatterParser.normaliseKey(raw)).isEqualTo(expected);
        }

        @Test
        void aKeyThatNormalisesToNothingIsNotMetadata() {
            assertThat(parse("> **:** x\n> **Status:** Done\n").metadata()).isEmpty();
        }
    }

    @Nested
    class Block {

        @Test
        void onlyBlankLinesHeadingsAndRulesMayPrecedeTheBlock() {
            ParsedDocument doc = parse("---\n\n# Title\n## Sub\n---\n\n> **Status:** Done\n\nBody\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.body()).isEqualTo("Body\n");
        }

        @Test
        void aLateBlockquoteIsBody() {
            String text = "# Title\n\nIntro paragraph.\n\n> **Status:** Done\n";
            ParsedDocument doc = parse(text);
            assertThat(doc.status()).isNull();
            assertThat(doc.metadata()).isEmpty();
            assertThat(doc.body()).isEqualTo(text);
        }

        @Test
        void nestedQuoteLinesAreNeverFrontMatter() {
            String text = ">> **Status:** Done\n> **Owner:** Ann\n\nBody\n";
            ParsedDocument doc = parse(text);
            assertThat(doc.status()).isNull();
            assertThat(doc.owner()).isNull();
            assertThat(doc.body()).isEqualTo(text);
        }

        @Test
        void aNestedQuoteEndsTheBlockAndStaysInTheBody() {
            ParsedDocument doc = parse("> **Status:** Done\n>> **Owner:** Ann\n> > quoted\n> **Priority:** P1\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isNull();
            assertThat(doc.priority()).isNull();
            assertThat(doc.body()).isEqualTo(">> **Owner:** Ann\n> > quoted\n> **Priority:** P1\n");
        }

        @Test
        void aQuoteWithoutMetadataIsBody() {
            String text = "# Title\n\n> Simplicity is prerequisite for reliability.\n\nBody\n";
            ParsedDocument doc = parse(text);
            assertThat(doc.metadata()).isEmpty();
            assertThat(doc.body()).isEqualTo(text);
        }

        @Test
        void indentedQuoteMarkersCount() {
            assertThat(parse("  > **Status:** Done\n").status()).isEqualTo("Done");
        }

        @Test
        void theBlockEndsAtTheFirstLineThatIsNotAQuote() {
            ParsedDocument doc = parse("> **Status:** Done\nlazy line\n> **Owner:** Ann\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isNull();
            assertThat(doc.body()).isEqualTo("lazy line\n> **Owner:** Ann\n");
        }
    }

    @Nested
    class PlainFallback {

        @Test
        void prdStyleLinesAtTheTop() {
            ParsedDocument doc = FrontMatterParser.parse("""
                    # Product Requirements Document

                    **Version:** 1.2
                    **Status:** Draft · **Owner:** Priya

                    **Last Updated**: 2026-01-01

                    ## 1. Overview
                    **Goal:** not metadata, this is body text.
                    """, DocumentIdentity.infer("PRD.md"));
            assertThat(doc.title()).isEqualTo("Product Requirements Document");
            assertThat(doc.status()).isEqualTo("Draft");
            assertThat(doc.owner()).isEqualTo("Priya");
            assertThat(doc.metadata())
                    .containsExactly(Map.entry("version", "1.2"), Map.entry("last_updated", "2026-01-01"));
            assertThat(doc.body()).isEqualTo("## 1. Overview\n**Goal:** not metadata, this is body text.\n");
        }

        @Test
        void aHeadingOrRuleAfterTheFirstMetadataLineEndsIt() {
            ParsedDocument doc = parse("**Status:** Done\n## Part\n**Owner:** Ann\nText\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isNull();
            assertThat(doc.body()).isEqualTo("## Part\n**Owner:** Ann\nText\n");
            assertThat(parse("**Status:** Done\n---\n**Owner:** Ann\n").owner()).isNull();
        }

        @Test
        void stopsAtTheFirstOtherLine() {
            ParsedDocument doc = parse("# T\n\nIntro.\n**Status:** Done\n");
            assertThat(doc.status()).isNull();
            assertThat(doc.body()).isEqualTo("# T\n\nIntro.\n**Status:** Done\n");
        }

        @Test
        void isNotUsedWhenThereIsABlockquote() {
            ParsedDocument doc = parse("> **Status:** Done\n\n**Owner:** Ann\n");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(doc.owner()).isNull();
            assertThat(doc.body()).isEqualTo("**Owner:** Ann\n");
        }
    }

    @Nested
    class TitleAndBody {

        @Test
        void titleIsTheFirstH1OutsideCodeFences() {
            ParsedDocument doc = parse("""
                    ## Not a title
                    #NoSpace
                    ```bash
                    # a shell comment
                    ```
                    ~~~~
                    # inside tildes
                    ~~~
                    # still inside: the closing fence must be at least as long
                    ~~~~
                    # The Title ##
                    # Second
                    """);
            assertThat(doc.title()).isEqualTo("The Title");
        }

        @Test
        void anUnclosedFenceHidesEverythingAfterIt() {
            assertThat(parse("```\n# hidden\n").title()).isEqualTo("US0001-login");
        }

        @Test
        void headingTextKeepsHashesThatAreNotAClosingSequence() {
            assertThat(parse("# Learning C#\n").title()).isEqualTo("Learning C#");
            assertThat(parse("#   \n# Real\n").title()).isEqualTo("Real");
        }

        @Test
        void titleMayComeAfterTheFrontMatter() {
            assertThat(parse("> **Status:** Done\n\n# Late Title\n").title()).isEqualTo("Late Title");
        }

        @Test
        void titleFallsBackToTheDocId() {
            ParsedDocument doc = FrontMatterParser.parse("Just text.\n", DocumentIdentity.infer("PRD.md"));
            assertThat(doc.title()).isEqualTo("prd");
        }

        @Test
        void emptyFile() {
            ParsedDocument doc = parse("");
            assertThat(doc)
                    .isEqualTo(new ParsedDocument(
                            "US0001-login", "", null, null, null, null, null, null, List.of(), List.of(), Map.of()));
        }

        @Test
        void onlyAHeading() {
            ParsedDocument doc = parse("# Only a heading");
            assertThat(doc.title()).isEqualTo("Only a heading");
            assertThat(doc.body()).isEqualTo("# Only a heading");
            assertThat(doc.status()).isNull();
        }

        @Test
        void frontMatterAtTheVeryEndLeavesAnEmptyBody() {
            assertThat(parse("# T\n> **Status:** Done").body()).isEmpty();
        }

        @Test
        void bodyKeepsEverythingBelowTheBlockVerbatim() {
            String below = "Para one.\n\n```\n> **Status:** not metadata\n```\n\n> A later quote.\n\n\ttabbed  \n\n";
            ParsedDocument doc = parse("# T\n\n> **Status:** Done\n\n\n" + below);
            assertThat(doc.body()).isEqualTo(below);
        }
    }

    @Nested
    class Normalisation {

        @Test
        void crlfAndCrBecomeLf() {
            ParsedDocument crlf = parse("# T\r\n\r\n> **Status:** Done\r\n> **Owner:** Ann\r\n\r\nBody\r\nMore\r\n");
            assertThat(crlf.status()).isEqualTo("Done");
            assertThat(crlf.owner()).isEqualTo("Ann");
            assertThat(crlf.body()).isEqualTo("Body\nMore\n");
            ParsedDocument cr = parse("# T\r\r> **Status:** Done\r\rBody\r");
            assertThat(cr.status()).isEqualTo("Done");
            assertThat(cr.body()).isEqualTo("Body\n");
        }

        @Test
        void leadingBomIsDropped() {
            ParsedDocument doc = parse("\uFEFF# Title\n> **Status:** Done\n");
            assertThat(doc.title()).isEqualTo("Title");
            assertThat(doc.status()).isEqualTo("Done");
            assertThat(FrontMatterParser.normalise("\uFEFFa\r\nb\rc\n")).isEqualTo("a\nb\nc\n");
            assertThat(FrontMatterParser.normalise("a\uFEFF")).isEqualTo("a\uFEFF");
        }
    }

    @Nested
    class Performance {

        @Test
        void parsesAFiveMegabyteDocumentQuickly() {
            StringBuilder text = new StringBuilder("# Big\n\n> **Status:** Done\n> **Epic:** EP0001\n\n");
            String paragraph = "Some **bold** text · with | separators > and `code` and # hashes: US0001 EP-0002.\n"
                    + "```\n# not a heading\n```\n> a quote\n\n";
            while (text.length() < 5_000_000) {
                text.append(paragraph);
            }
            assertParsesWithoutBacktracking(text.toString());
        }

        @Test
        void parsesHostileFiveMegabyteInputWithoutBacktracking() {
            // One huge front matter line full of would-be inline keys, a huge continuation block and a huge
            // unclosed bold key: inputs that make naive regular expressions backtrack for ever.
            String line = "> **Notes:** " + " | **x".repeat(300_000) + "\n";
            String continuation = "> more text with ** and · and | \n".repeat(70_000);
            String unclosed = "**" + "Key ".repeat(300_000) + "\n";
            String text = line + continuation + "\n" + unclosed;
            assertThat(text.length()).isGreaterThan(5_000_000);
            ParsedDocument doc = assertParsesWithoutBacktracking(text);
            assertThat(doc.metadata()).containsOnlyKeys("notes");
        }

        private ParsedDocument assertParsesWithoutBacktracking(String text) {
            // Naive expressions backtrack for hours on these inputs; the bound only guards against such a hang and
            // is far above any machine's linear time, so a busy machine cannot make it fail (speed: src/bench).
            ParsedDocument doc = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parse(text));
            assertThat(doc.body()).isNotEmpty();
            return doc;
        }
    }
}
