package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.bighead.pipeline.viz.Displayable;
import org.junit.jupiter.api.Test;

/** %lsmagic: every magic with its help, as text and as an HTML table. */
class LsMagicTest {

    @Test
    void listsLineAndCellMagicsWithTheirHelpAsText() {
        Object shown = FakeContext.create().run("%lsmagic");

        assertThat(shown).isInstanceOf(Displayable.class);
        String text = shown.toString();
        assertThat(text)
                .startsWith("Line magics:\n  %bighead    Bighead platform commands")
                .contains("\n  %maven      Add Maven artifacts")
                .contains("Cell magics:\n  %%time      Time the Java code of the whole cell")
                .endsWith("Every magic takes --help.\n");
        assertThat(((Displayable) shown).mimeBundle()).containsEntry(Displayable.TEXT_PLAIN, text);
    }

    @Test
    void theHtmlTableEscapesHelpTexts() {
        MagicRegistry registry = new MagicRegistry()
                .line("lsmagic", "List.", new LsMagic())
                .line("tag", "Wraps <b>bold</b> & more", (args, context) -> null);
        Map<String, Object> bundle =
                ((Displayable) new FakeContext(Path.of("unused.json"), registry).run("%lsmagic")).mimeBundle();

        assertThat((String) bundle.get(Displayable.TEXT_HTML))
                .contains("<code>%tag</code>")
                .contains("Wraps &lt;b&gt;bold&lt;/b&gt; &amp; more")
                .contains("Cell magics");
        assertThat(bundle.get(Displayable.TEXT_PLAIN).toString()).contains("Cell magics:\n  (none)");
    }

    @Test
    void answersHelpAndRefusesArguments() {
        FakeContext context = FakeContext.create();
        assertThat(context.run("%lsmagic --help")).isNull();
        assertThat(context.printed()).startsWith("Usage: %lsmagic\n");
        assertThatThrownBy(() -> context.run("%lsmagic all")).hasMessageStartingWith("%lsmagic takes no arguments");
    }
}
