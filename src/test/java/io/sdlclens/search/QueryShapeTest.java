package io.sdlclens.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shapes of tsquery text as {@code websearch_to_tsquery} prints it. */
class QueryShapeTest {

    @Test
    void onlyOnePlainWordIsOneWord() {
        assertThat(QueryShape.parse("'system'").oneWord()).isTrue();
        assertThat(QueryShape.parse("'it''s'").oneWord()).isTrue();

        assertThat(QueryShape.parse("'quoll' <-> 'gadget'").oneWord()).isFalse();
        assertThat(QueryShape.parse("'system' & 'servic'").oneWord()).isFalse();
        assertThat(QueryShape.parse("'system' | 'servic'").oneWord()).isFalse();
        assertThat(QueryShape.parse("!'system'").oneWord()).isFalse();
        assertThat(QueryShape.parse("'system' & !'servic'").oneWord()).isFalse();
        assertThat(QueryShape.parse("'system':*").oneWord()).isFalse();
        assertThat(QueryShape.parse("").oneWord()).isFalse();
    }

    @Test
    void onlyOnePlainLexemeIsCounted() {
        assertThat(QueryShape.parse("'system'").countedLexeme()).isEqualTo("system");

        assertThat(QueryShape.parse("'it''s'").countedLexeme()).isNull();
        assertThat(QueryShape.parse("'system':*").countedLexeme()).isNull();
        assertThat(QueryShape.parse("'quoll' <-> 'gadget'").countedLexeme()).isNull();
        assertThat(QueryShape.parse("'system' & 'servic'").countedLexeme()).isNull();
        assertThat(QueryShape.parse("!'system'").countedLexeme()).isNull();
        assertThat(QueryShape.parse("").countedLexeme()).isNull();
    }

    @Test
    void aWordAndItsExclusionRankByTheWord() {
        QueryShape shape = QueryShape.parse("'system' & !'servic'");
        assertThat(shape.atoms()).containsExactly("'system'", "'servic'");
        assertThat(shape.structure()).isEqualTo("( 'a1' & !( 'a2' ) )");
        assertThat(shape.anyAtom()).isEqualTo("'system' | 'servic'");
        assertThat(shape.rankQuery()).isEqualTo("'system'");
    }

    @Test
    void lexemesAreEveryWordTheQueryNamesExcludedOnesToo() {
        assertThat(QueryShape.parse("'system'").lexemes()).containsExactly("system");
        assertThat(QueryShape.parse("'quoll' <-> 'gadget' & !'servic' | 'quoll'")
                        .lexemes())
                .containsExactly("quoll", "gadget", "servic");
        assertThat(QueryShape.parse("").lexemes()).isEmpty();
        // a printed escape or a flag: its marks would not pair with a vector's positions one for one
        assertThat(QueryShape.parse("'it''s'").lexemes()).isNull();
        assertThat(QueryShape.parse("'back\\\\slash'").lexemes()).isNull();
        assertThat(QueryShape.parse("'system':*").lexemes()).isNull();
    }
}
