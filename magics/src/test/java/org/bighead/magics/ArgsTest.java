package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How magic arguments split into words. */
class ArgsTest {

    @Test
    void blanksSeparateWordsAndQuotesGroupThem() {
        assertThat(Args.split("  a  'b c'\t\"d 'e'\" f\"g h\"  ")).containsExactly("a", "b c", "d 'e'", "fg h");
    }

    @Test
    void aBackslashEscapesOnlyInsideDoubleQuotes() {
        assertThat(Args.split("\"a \\\" b\" C:\\lib")).containsExactly("a \" b", "C:\\lib");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertThat(Args.split("'' x")).containsExactly("", "x");
        assertThat(Args.split("   ")).isEmpty();
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> Args.split("a 'b"))
                .isInstanceOf(MagicException.class)
                .hasMessage("unterminated ' quote in: a 'b");
    }
}
