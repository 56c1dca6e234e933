package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Javadoc as the inspect panel shows it: words for inline tags, paragraphs for HTML, the tags after the text. */
class JavadocTextTest {
    @Test
    void inlineTagsHtmlAndBlockTagsReadAsPlainText() {
        String javadoc =
                " Splits {@code rows} into a training and a test {@link Table}, see {@link Table#sampleSplit}.\n"
                        + " <p>The same seed gives the same split:\n <ul><li>on any JVM</li><li>in any order</li></ul>\n"
                        + " @param rows the data &amp; its label\n @param seed any {@code long}\n"
                        + " @return the two tables,\n     training first\n @author someone\n";
        assertThat(JavadocText.plain(javadoc))
                .isEqualTo("Splits rows into a training and a test Table, see Table.sampleSplit.\n\n"
                        + "The same seed gives the same split:\n\n  - on any JVM\n  - in any order\n\n"
                        + "Parameter rows: the data & its label\nParameter seed: any long\n"
                        + "Returns: the two tables, training first");
    }
}
