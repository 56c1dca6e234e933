package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.stages.Select;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** %bighead show: a Java value or a .bighead bundle, displayed in its richest form. */
class ShowSubcommandTest {
    @TempDir
    static Path dir;

    private static Path bundle;

    @BeforeAll
    static void saveATinyPipeline() throws Exception {
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 2 * i + 1;
        }
        Table table = Table.create("line", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
        bundle = dir.resolve("line.bighead");
        Pipeline.of(Select.of("x"), Linear.regressor()).target("y").fit(table).save(bundle);
    }

    @Test
    void aBundlePathIsLoadedAndDisplayedWithoutEvaluatingJava() {
        FakeContext context = FakeContext.create();

        assertThat(context.run("%bighead show " + bundle)).isNull();

        assertThat(context.evaluated).isEmpty();
        assertThat(context.displayed).singleElement().isInstanceOfSatisfying(FittedPipeline.class, model -> {
            assertThat(model.target()).isEqualTo("y");
            assertThat(model.stages()).hasSize(2);
        });
    }

    @Test
    void aQuotedBundlePathWorksToo() {
        FakeContext context = FakeContext.create();
        context.run("%bighead show \"" + bundle + "\"");
        assertThat(context.displayed).singleElement().isInstanceOf(FittedPipeline.class);
    }

    @Test
    void anExpressionWhoseValueIsABundlePathLoadsTheBundle() {
        FakeContext context =
                FakeContext.create().answer("modelPath", bundle.toString()).answer("Path.of(modelPath)", bundle);

        context.run("%bighead show modelPath");
        context.run("%bighead show Path.of(modelPath)");

        assertThat(context.evaluated).containsExactly("modelPath", "Path.of(modelPath)");
        assertThat(context.displayed).hasSize(2).allMatch(FittedPipeline.class::isInstance);
    }

    @Test
    void anyOtherValueIsDisplayedAsItIs() {
        Table table = Table.create("t", DoubleColumn.create("x", 1, 2));
        FakeContext context = FakeContext.create().answer("table.first(2)", table);

        context.run("%bighead show   table.first(2)  ");

        assertThat(context.displayed).containsExactly(table);
    }

    @Test
    void aMissingBundleIsAnErrorNamingIt() {
        Path missing = dir.resolve("gone.bighead");
        FakeContext context = FakeContext.create().answer("path", missing.toString());

        assertThatThrownBy(() -> context.run("%bighead show path"))
                .isInstanceOf(MagicException.class)
                .hasMessage("no bundle file " + missing);
        assertThatThrownBy(() -> context.run("%bighead show " + missing))
                .hasMessage("no bundle file " + missing + ", and as Java: cannot find symbol: " + missing);
        assertThat(context.displayed).isEmpty();
    }

    @Test
    void aFileThatIsNotABundleIsAnErrorNamingIt() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.bighead"), "not a zip");
        assertThatThrownBy(() -> FakeContext.create().run("%bighead show " + junk))
                .hasMessageStartingWith("cannot load bundle " + junk + ": ");
    }

    @Test
    void aNullValueOrNoExpressionIsAnError() {
        FakeContext context = FakeContext.create().answer("nothing", null);
        assertThatThrownBy(() -> context.run("%bighead show nothing"))
                .hasMessage("%bighead show nothing: the value is null, nothing to show");
        assertThatThrownBy(() -> context.run("%bighead show"))
                .hasMessageStartingWith("%bighead show needs a Java expression or a .bighead file")
                .hasMessageContaining("Usage: %bighead show EXPRESSION | BUNDLE.bighead");
    }
}
