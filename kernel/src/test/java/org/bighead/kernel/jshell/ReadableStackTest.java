package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a stack reads in a notebook, on frames as a JVM records them for a cell that called into Tablesaw. */
class ReadableStackTest {
    private static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }

    private static Optional<String> cell(StackTraceElement f) {
        return f.getFileName().startsWith("#")
                ? Optional.of("line " + f.getLineNumber() + ": " + f.getMethodName())
                : Optional.empty();
    }

    @Test
    void cellLinesComeFirstThenOneLinePerLibraryAndTheKernelIsHidden() {
        StackTraceElement[] frames = {
            frame("tech.tablesaw.table.Relation", "column", "Relation.java", 143),
            frame("tech.tablesaw.api.Table", "column", "Table.java", 88),
            frame("tech.tablesaw.api.Table", "sortOn", "Table.java", 700),
            frame("java.util.ArrayList", "forEach", "ArrayList.java", 1596),
            frame("REPL.$JShell$14", "lambda$do_it$$0", "#14", 3),
            frame("java.util.ArrayList", "forEach", "ArrayList.java", 1596),
            frame("REPL.$JShell$14", "do_it$", "#14", 2),
            frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", "DirectMethodHandleAccessor.java", 103),
            frame("java.lang.reflect.Method", "invoke", "Method.java", 580),
            frame("org.bighead.kernel.jshell.CellExecutionControl", "lambda$invoke$0", "CellExecutionControl.java", 49),
            frame("java.lang.Thread", "run", "Thread.java", 1583),
        };
        ReadableStack.Thrown thrown =
                new ReadableStack.Thrown("java.lang.IllegalStateException", "no column x", frames, null);
        assertThat(ReadableStack.lines(thrown, ReadableStackTest::cell))
                .containsExactly(
                        "    at line 3: lambda$do_it$$0",
                        "    at line 2: do_it$",
                        "    … 3 frames in tech.tablesaw (from tech.tablesaw.api.Table.sortOn(Table.java:700))",
                        "    at java.util.ArrayList.forEach(ArrayList.java:1596)",
                        "    at java.util.ArrayList.forEach(ArrayList.java:1596)");
    }

    @Test
    void aCauseKeepsOnlyTheFramesItDoesNotShareWithWhatItCaused() {
        StackTraceElement cellLine = frame("REPL.$JShell$3", "do_it$", "#3", 1);
        StackTraceElement[] outer = {frame("org.example.Loader", "load", "Loader.java", 10), cellLine};
        StackTraceElement[] inner = {
            frame("java.io.FileInputStream", "open0", "FileInputStream.java", -1),
            frame("org.example.Loader", "read", "Loader.java", 20),
            frame("org.example.Loader", "load", "Loader.java", 10),
            cellLine
        };
        ReadableStack.Thrown cause = new ReadableStack.Thrown("java.io.FileNotFoundException", "a.csv", inner, null);
        ReadableStack.Thrown thrown =
                new ReadableStack.Thrown("java.lang.RuntimeException", "cannot load", outer, cause);
        assertThat(ReadableStack.lines(thrown, ReadableStackTest::cell))
                .containsExactly(
                        "    at line 1: do_it$",
                        "    at org.example.Loader.load(Loader.java:10)",
                        "Caused by: java.io.FileNotFoundException: a.csv",
                        "    at java.io.FileInputStream.open0(FileInputStream.java)",
                        "    at org.example.Loader.read(Loader.java:20)");
    }

    @Test
    void aCellLineNamedByTwoFramesInARowIsShownOnce() {
        // a variable's initializer and the snippet that declares it are two frames on the same cell line
        StackTraceElement[] frames = {
            frame("org.bighead.pipeline.Pipeline", "fit", "Pipeline.java", 94),
            frame("REPL.$JShell$7", "do_it$", "#7", 2),
            frame("REPL.$JShell$7", "do_it$", "#7", 2),
        };
        ReadableStack.Thrown thrown =
                new ReadableStack.Thrown("org.bighead.pipeline.PipelineException", "x", frames, null);
        assertThat(ReadableStack.lines(thrown, ReadableStackTest::cell))
                .containsExactly("    at line 2: do_it$", "    at org.bighead.pipeline.Pipeline.fit(Pipeline.java:94)");
    }

    @Test
    void aLibraryIsToldByItsPackage() {
        assertThat(ReadableStack.library("tech.tablesaw.api.Table")).isEqualTo("tech.tablesaw");
        assertThat(ReadableStack.library("org.apache.spark.sql.Dataset")).isEqualTo("org.apache.spark");
        assertThat(ReadableStack.library("com.fasterxml.jackson.databind.ObjectMapper"))
                .isEqualTo("com.fasterxml.jackson");
        assertThat(ReadableStack.library("java.util.ArrayList")).isEqualTo("the JDK");
        assertThat(ReadableStack.library("ml.dmlc.xgboost4j.java.Booster")).isEqualTo("ml.dmlc");
    }

    @Test
    void fullModeShowsEveryFrameInOrderCellLinesReadableAndTheCausesSharedFramesCounted() {
        StackTraceElement cellLine = frame("REPL.$JShell$3", "do_it$", "#3", 1);
        StackTraceElement kernel = frame("org.bighead.kernel.jshell.CellExecutionControl", "invoke", "C.java", 49);
        StackTraceElement[] outer = {frame("org.example.Loader", "load", "Loader.java", 10), cellLine, kernel};
        StackTraceElement[] inner = {frame("org.example.Loader", "read", "Loader.java", 20), outer[0], cellLine, kernel
        };
        ReadableStack.Thrown thrown = new ReadableStack.Thrown(
                "java.lang.RuntimeException",
                "cannot load",
                outer,
                new ReadableStack.Thrown("java.io.FileNotFoundException", "a.csv", inner, null));
        assertThat(ReadableStack.full(thrown, ReadableStackTest::cell))
                .containsExactly(
                        "    at org.example.Loader.load(Loader.java:10)",
                        "    at line 1: do_it$",
                        "    at org.bighead.kernel.jshell.CellExecutionControl.invoke(C.java:49)",
                        "Caused by: java.io.FileNotFoundException: a.csv",
                        "    at org.example.Loader.read(Loader.java:20)",
                        "    ... 3 more");
    }

    @Test
    void modesAreNamedInAnyCaseAndTheChoicesReadAsASentence() {
        assertThat(ExceptionMode.named("Full")).contains(ExceptionMode.FULL);
        assertThat(ExceptionMode.named("verbose")).isEmpty();
        assertThat(ExceptionMode.choices()).isEqualTo("readable, full or minimal");
    }
}
