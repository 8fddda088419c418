package io.sdlclens.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snippet builder on highlighter output as the repository receives it (marks and stand-ins raw). */
class SnippetsTest {

    /** What the highlighter returns: matches between \u0002 and \u0003, {@code <} and {@code >} as stand-ins. */
    static String highlighted(String text) {
        return text.replace('[', SearchRepository.MARK_START)
                .replace(']', SearchRepository.MARK_END)
                .replace('<', SearchRepository.LESS_THAN)
                .replace('>', SearchRepository.GREATER_THAN);
    }

    @Test
    void wordsSplitAsStripAndSplitOnWhitespaceWould() {
        // every kind of separator and near-separator: ASCII whitespace, Unicode spaces strip() takes only at the
        // ends, control characters that are whitespace to Java but not to \\s, marks and stand-ins
        char[] alphabet = {
            'a',
            'b',
            ' ',
            ' ',
            '\t',
            '\n',
            '\r',
            '\f',
            '\u000B',
            '\u001C',
            '\u00A0',
            '\u2003',
            '\u3000',
            SearchRepository.MARK_START,
            SearchRepository.MARK_END,
            SearchRepository.LESS_THAN,
            '/',
            'm',
            'k'
        };
        Random random = new Random(13);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(
                        random.nextInt(8) == 0 ? "<mark>" : String.valueOf(alphabet[random.nextInt(alphabet.length)]));
            }
            String raw = text.toString();
            String source = raw.replace(SearchRepository.LESS_THAN, '<').replace(SearchRepository.GREATER_THAN, '>');
            String[] expected =
                    Snippets.WRITTEN_MARK.matcher(source).replaceAll("").strip().split("\\s+");
            assertThat(Snippets.words(raw))
                    .as("words of %s", raw.codePoints().boxed().toList())
                    .containsExactly(expected);
        }
    }

    @Test
    void specialCharactersAreLiteralInTheTextAndEscapedInTheHtml() {
        Snippets.Snippet snippet = Snippets.of(highlighted("Say \"[hi]\" & it's a > b"));
        assertThat(snippet.text()).isEqualTo("Say \"<mark>hi</mark>\" & it's a > b");
        assertThat(snippet.html()).isEqualTo("Say &quot;<mark>hi</mark>&quot; &amp; it&#39;s a &gt; b");
    }

    @Test
    void scriptStaysTextAndMarksWrittenInTheDocumentAreDropped() {
        Snippets.Snippet snippet =
                Snippets.of(highlighted("<script>alert(1)</script> <mark>x</mark> </MARK> < [mark] > [word]"));
        assertThat(snippet.text()).isEqualTo("<script>alert(1)</script> x <mark>word</mark>");
        assertThat(snippet.html()).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; x <mark>word</mark>");
        // a highlighted word inside a tag-like token is still marked, and the tag's brackets are text
        assertThat(Snippets.of(highlighted("<[script]>")).text()).isEqualTo("<<mark>script</mark>>");
    }

    @Test
    void excerptsStartAndEndOnWholeWords() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("w").append(i).append(i == 50 ? " <script>x</script>[hit]</script> " : " ");
        }
        String snippet = Snippets.of(highlighted(text.toString())).text();
        // the excerpt starts WORDS_BEFORE whole words before the hit and is EXCERPT_WORDS words long
        assertThat(snippet).startsWith("w43 ").doesNotStartWith("script");
        assertThat(snippet.split(" ")).hasSize(Snippets.EXCERPT_WORDS);
        assertThat(snippet).contains("<script>x</script><mark>hit</mark></script>");
    }

    @Test
    void twoExcerptsForDistantMatchesAndTheOpeningWithoutAny() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append(i == 10 || i == 150 ? "[m" + i + "]" : "w" + i).append('\n');
        }
        String snippet = Snippets.of(highlighted(text.toString())).text();
        assertThat(snippet.split(Snippets.EXCERPT_DELIMITER)).hasSize(2);
        assertThat(snippet).contains("<mark>m10</mark>").contains("<mark>m150</mark>");
        assertThat(Snippets.of("just a title match").text()).isEqualTo("just a title match");
        assertThat(Snippets.of(null).html()).isEmpty();
    }

    @Test
    void marksStayBalancedWhateverTheInput() {
        assertThat(Snippets.of(highlighted("[open and [[double] stray]")).text())
                .isEqualTo("<mark>open and double</mark> stray");
        assertThat(Snippets.of(highlighted("[unclosed end")).html()).isEqualTo("<mark>unclosed end</mark>");
    }

    static String words(String prefix, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(' ').append(prefix).append(i);
        }
        return text.toString();
    }

    @Test
    void aPrefixDecidesTheSnippetOnlyWhenItHoldsEveryExcerptWithWordsToSpare() {
        String twoMatches = "[heron]" + words("a", 40) + " [heron]";
        // the words of the second excerpt after its match, and then the margin
        int spare = Snippets.EXCERPT_WORDS - Snippets.WORDS_BEFORE - 1 + Snippets.PREFIX_MARGIN_WORDS;
        assertThat(Snippets.decidedByPrefix(highlighted(twoMatches + words("b", spare)), null))
                .isTrue();
        // the second excerpt would run to the prefix's last words, which the whole text may continue
        assertThat(Snippets.decidedByPrefix(highlighted(twoMatches + words("b", spare - 1)), null))
                .isFalse();
        // one match, and the rest of the text unknown: a later match there would add an excerpt
        assertThat(Snippets.decidedByPrefix(highlighted("[heron]" + words("a", 200)), null))
                .isFalse();
        assertThat(Snippets.decidedByPrefix(highlighted(words("a", 200)), null)).isFalse();
        assertThat(Snippets.decidedByPrefix("", 0)).isFalse();
    }

    @Test
    void aPrefixHoldingEveryMatchOfTheTextDecidesTheSnippet() {
        String oneMatch = "[heron]" + words("a", 200);
        assertThat(Snippets.decidedByPrefix(highlighted(oneMatch), 1)).isTrue();
        // the text has a second match the prefix does not show
        assertThat(Snippets.decidedByPrefix(highlighted(oneMatch), 2)).isFalse();
        // no match in the body (a title hit): the snippet is the text's first words
        assertThat(Snippets.decidedByPrefix(highlighted(words("a", 200)), 0)).isTrue();
        int firstWords = Snippets.EXCERPT_WORDS + Snippets.PREFIX_MARGIN_WORDS;
        assertThat(Snippets.decidedByPrefix(highlighted(words("a", firstWords)), 0))
                .isTrue();
        assertThat(Snippets.decidedByPrefix(highlighted(words("a", firstWords - 1)), 0))
                .isFalse();
        // a match among the last words: its excerpt could run on past the prefix
        String lateMark = words("a", 200) + " [heron]" + words("b", Snippets.PREFIX_MARGIN_WORDS - 1);
        assertThat(Snippets.decidedByPrefix(highlighted("[heron]" + lateMark), 2))
                .isFalse();
        // two marks in one word (the parts of system-service) are two matches
        assertThat(Snippets.decidedByPrefix(highlighted("[heron]-[egret]" + words("a", 200)), 2))
                .isTrue();
    }
}
