package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bighead.kernel.jshell.JavaEvaluator.Completion.Match;
import org.junit.jupiter.api.Test;

/** Kinds from a completion's text alone, the order a person reads, and signatures without their class. */
class CompletionKindsTest {
    @Test
    void aTextSuggestsItsKindBeforeJShellIsAsked() {
        assertThat(CompletionKinds.guess("generate(", true, true).type()).isEqualTo("method");
        assertThat(CompletionKinds.guess("MAX_VALUE", true, true).type()).isEqualTo("field");
        assertThat(CompletionKinds.guess("Entry", true, true).type()).isEqualTo("class");
        assertThat(CompletionKinds.guess("out", true, true).type()).isEqualTo("field");
        assertThat(CompletionKinds.guess("counter", true, false).type()).isEqualTo("variable");
        assertThat(CompletionKinds.guess("class", true, true).type()).isEqualTo("keyword");
    }

    @Test
    void matchesFittingTheTypeComeFirstThenByKindThenAlphabetically() {
        List<Match> matches = new ArrayList<>(List.of(
                new Match("PRICE", "field", "", true),
                new Match("class", "keyword", "", true),
                new Match("writeCsv(", "method", "", true),
                new Match("Builder", "class", "", true),
                new Match("generate(", "method", "", true),
                new Match("toString(", "method", "", false)));
        matches.sort(CompletionKinds.ORDER);
        assertThat(matches)
                .extracting(Match::text)
                .containsExactly("generate(", "writeCsv(", "PRICE", "Builder", "class", "toString(");
    }

    @Test
    void aMethodsSignatureDropsItsDeclaringClass() {
        assertThat(CompletionKinds.shortSignature("void java.io.PrintStream.println(String x)"))
                .isEqualTo("void println(String x)");
        assertThat(CompletionKinds.shortSignature(
                        "<T extends java.lang.Comparable<? super T>> void java.util.Collections.<T>sort(List<T> list)"))
                .isEqualTo("<T extends java.lang.Comparable<? super T>> void sort(List<T> list)");
        assertThat(CompletionKinds.shortSignature("java.util.ArrayList(int initialCapacity)"))
                .isEqualTo("ArrayList(int initialCapacity)");
    }
}
