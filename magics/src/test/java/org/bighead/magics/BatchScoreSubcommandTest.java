package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * %bighead batch-score runs the checkout's {@code ./bighead batch-score … --json}: here a stand-in for that script
 * which records its arguments and answers as the command does (the real command, Spark and all, runs in
 * tests/test_notebooks.py's 05-batch-and-retraining).
 */
class BatchScoreSubcommandTest {
    private static final String OUTCOME = "{\"model\":\"price\",\"version\":\"1\",\"rows\":2000,\"badRows\":1,"
            + "\"seconds\":3.2,\"output\":\"OUT\",\"preview\":["
            + "{\"listing_id\":\"1\",\"accommodates\":\"4\",\"prediction\":187.25,\"error\":null},"
            + "{\"listing_id\":\"2\",\"accommodates\":\"lots\",\"prediction\":null,"
            + "\"error\":\"column 'accommodates': expected a number, got 'lots'\"}]}";

    @TempDir
    Path checkout;

    @TempDir
    Path notebook;

    private Path arguments;

    @BeforeEach
    void aCheckoutWhoseBigheadAnswersLikeBatchScore() throws IOException {
        arguments = checkout.resolve("arguments");
        standIn("printf '%s\\n' \"$@\" > " + arguments + "\n"
                + "echo 'stage 0: 1 task in 0.4 s' >&2\n"
                + "echo 'scored 2,000 rows with price 1 in 3.2 s: 1 bad rows; wrote OUT' >&2\n"
                + "cat <<'JSON'\n" + OUTCOME + "\nJSON\n");
        Files.writeString(notebook.resolve("listings.csv"), "listing_id,accommodates\n1,4\n2,lots\n");
    }

    private void standIn(String body) throws IOException {
        Path bighead = checkout.resolve("bighead");
        Files.writeString(bighead, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(bighead, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private FakeContext context(Path home) {
        MagicRegistry magics = new MagicRegistry();
        magics.line("bighead", "Bighead platform commands.", magics.bighead());
        magics.bighead()
                .add(PicocliSubcommand.of(() -> new BatchScoreSubcommand(
                        Map.of("BIGHEAD_REGISTRY_URL", "http://127.0.0.1:1"), notebook, home)));
        return new FakeContext(notebook.resolve("config.json"), magics);
    }

    @Test
    void itRunsBatchScoreWithPathsFromTheNotebooksFolderShowsItsLinesAndReturnsTheFirstRows() throws IOException {
        FakeContext context = context(checkout);

        Table first = (Table)
                context.run("%bighead batch-score price@champion --input listings.csv --output scores/today.parquet");

        assertThat(Files.readAllLines(arguments))
                .containsExactly(
                        "batch-score",
                        "price@champion",
                        "--input",
                        notebook.resolve("listings.csv").toString(),
                        "--output",
                        notebook.resolve("scores/today.parquet").toString(),
                        "--json");
        assertThat(context.printed())
                .isEqualTo("stage 0: 1 task in 0.4 s\n"
                        + "scored 2,000 rows with price 1 in 3.2 s: 1 bad rows; wrote OUT\n");
        assertThat(first.name()).isEqualTo("scores/today.parquet (first 2 of 2,000 rows)");
        assertThat(first.columnNames()).containsExactly("listing_id", "accommodates", "prediction", "error");
        assertThat(first.column("accommodates").type()).isEqualTo(ColumnType.STRING); // CSV is read as text
        assertThat(first.doubleColumn("prediction").get(0)).isEqualTo(187.25);
        assertThat(first.doubleColumn("prediction").isMissing(1)).isTrue();
        assertThat(first.stringColumn("error").get(1)).contains("expected a number");
    }

    @Test
    void replaceLeavesTheEarlierOutputToTheCommandWhichSwapsItOutOnlyOnceTheNewOneIsWhole() throws IOException {
        Path earlier = Files.createDirectories(notebook.resolve("scored.parquet"));
        Files.writeString(earlier.resolve("_SUCCESS"), "");
        Files.writeString(earlier.resolve("part-00000.parquet"), "rows");
        standIn("printf '%s\\n' \"$@\" > " + arguments + "\n"
                + "echo 'bighead batch-score: model price has no version in the registry' >&2\nexit 1\n");

        // a typo in REF: the run fails, and the earlier scores are still there
        assertThatThrownBy(() -> context(checkout)
                        .run("%bighead batch-score price --input listings.csv --output scored.parquet --replace"))
                .hasMessage("%bighead batch-score: model price has no version in the registry");

        assertThat(earlier.resolve("part-00000.parquet")).hasContent("rows");
        assertThat(Files.readAllLines(arguments)).contains(earlier.toString()).endsWith("--replace");
    }

    @Test
    void anInterruptedCellStopsTheCommandAndWaitsForItToRemoveWhatItHalfWrote() throws Exception {
        Path cleaned = notebook.resolve("cleaned");
        // as batch-score does on SIGTERM: it takes a moment to stop Spark and remove its hidden folder
        standIn("trap 'sleep 0.5; echo done > " + cleaned + "; exit 143' TERM\n"
                + "echo 'stage 0: 4 tasks' >&2\n"
                + "while :; do sleep 0.1; done\n");
        FakeContext context = context(checkout);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                context.run("%bighead batch-score price --input listings.csv --output out.parquet");
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        cell.start();
        while (!context.printed().contains("stage 0")) {
            Thread.sleep(20);
        }

        cell.interrupt();
        cell.join();

        assertThat(failed.get()).hasMessage("%bighead batch-score: stopped; the output was not written");
        assertThat(cleaned).as("the command had cleaned up when the cell ended").hasContent("done");
    }

    @Test
    void theReasonIsTheLastLineThatIsNotAStackFrame() throws IOException {
        standIn("echo 'bighead batch-score: org.apache.spark.SparkException: Job aborted' >&2\n"
                + "printf '\\tat org.apache.spark.scheduler.DAGScheduler.failJob(DAGScheduler.scala:12)\\n' >&2\n"
                + "printf '\\t... 12 more\\n' >&2\nexit 1\n");

        assertThatThrownBy(() ->
                        context(checkout).run("%bighead batch-score price --input listings.csv --output out.parquet"))
                .hasMessage("%bighead batch-score: org.apache.spark.SparkException: Job aborted");
    }

    @Test
    void anOutcomeThatIsNotJsonIsOneLine() throws IOException {
        standIn("echo 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g'\n");

        assertThatThrownBy(() ->
                        context(checkout).run("%bighead batch-score price --input listings.csv --output out.parquet"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%bighead batch-score: the command succeeded but did not print its outcome as JSON; it"
                        + " printed: Picked up JAVA_TOOL_OPTIONS: -Xmx1g");
    }

    @Test
    void aFailedRunIsTheCommandsOneLineReason() throws IOException {
        standIn("echo 'bighead batch-score: model nope has no version 7 in the registry' >&2\nexit 1\n");

        assertThatThrownBy(() ->
                        context(checkout).run("%bighead batch-score nope/7 --input listings.csv --output out.parquet"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%bighead batch-score: model nope has no version 7 in the registry");
    }

    @Test
    void badInputIsOneLineBeforeAnythingStarts() throws IOException {
        Files.createDirectories(notebook.resolve("done.parquet"));
        List<String> cases = List.of(
                "%bighead batch-score price --input nope.csv --output out.parquet",
                "%bighead batch-score price --input listings.csv --output done.parquet",
                "%bighead batch-score price --input listings.csv --output done.parquet --replace",
                "%bighead batch-score price --output out.parquet");
        List<String> messages = List.of(
                "%bighead batch-score: no input at nope.csv",
                "%bighead batch-score: output done.parquet exists; remove it, name another or add --replace",
                "%bighead batch-score: --replace replaces only an earlier batch-score output, and done.parquet is not"
                        + " one (it has no _SUCCESS marker)",
                "%bighead batch-score: Missing required option: '--input=PATH'");
        for (int i = 0; i < cases.size(); i++) {
            String cell = cases.get(i);
            assertThatThrownBy(() -> context(checkout).run(cell))
                    .isInstanceOf(MagicException.class)
                    .hasMessageStartingWith(messages.get(i));
        }
        assertThatThrownBy(() -> context(null).run("%bighead batch-score price --input a.csv --output b.parquet"))
                .hasMessageStartingWith("%bighead batch-score runs ./bighead batch-score, which needs the kernel of a"
                        + " Bighead checkout");
        assertThat(arguments).as("the command never started").doesNotExist();
    }

    @Test
    void theHelpSaysWhatItRunsWithExamples() {
        FakeContext context = context(checkout);
        context.run("%bighead batch-score --help");
        assertThat(context.printed())
                .startsWith("Usage: %bighead batch-score [-h] [--replace] --input=PATH [--master=URL] --output=OUT REF")
                .contains("./bighead batch-score", "%bighead batch-score listing-price@champion --input")
                .doesNotContain("%%");
    }
}
