package org.bighead.kernel.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History survives restarts, and tail, range and search work as IPython's do. */
class HistoryTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void aNewSessionSeesTheOldOnesAndNumbersItselfAfterThem() {
        Path file = dir.resolve("history.jsonl");
        History first = new History(file, log::add);
        first.add(1, "int x = 1;", null);
        first.add(2, "x + 1", "2");
        first.flush(); // the file is written after each cell's reply, in order
        History second = new History(file, log::add);
        assertThat(second.session()).isEqualTo(first.session() + 1);
        assertThat(second.tail(2)).extracting(History.Entry::input).containsExactly("int x = 1;", "x + 1");
        assertThat(second.range(-1, 2, 0)).extracting(History.Entry::output).containsExactly("2");
        assertThat(log).isEmpty();
    }

    @Test
    void rangeOfTheCurrentSessionUsesSessionZero() {
        History h = new History(null, log::add);
        h.add(1, "a", null);
        h.add(2, "b", null);
        h.add(3, "c", null);
        assertThat(h.range(0, 2, 3)).extracting(History.Entry::input).containsExactly("b");
        assertThat(h.range(0, 1, 0)).hasSize(3);
    }

    @Test
    void searchTakesGlobsAndCanKeepOnlyUniqueInputs() {
        History h = new History(null, log::add);
        for (int i = 1; i <= 5; i++) {
            h.add(i, "model.fit(train)", null);
        }
        h.add(6, "model.evaluate(test)", null);
        assertThat(h.search("model.fit*", 3, false)).hasSize(3);
        assertThat(h.search("model.*", 0, true))
                .extracting(History.Entry::input)
                .containsExactly("model.fit(train)", "model.evaluate(test)");
        assertThat(h.search("m?del.evaluate(test)", 0, false)).hasSize(1);
    }

    @Test
    void aTornLastLineFromACrashIsSkipped() throws Exception {
        Path file = dir.resolve("history.jsonl");
        History crashed = new History(file, log::add);
        crashed.add(1, "ok", null);
        crashed.flush();
        java.nio.file.Files.writeString(file, "{\"session\": 1, \"li", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new History(file, log::add).tail(10))
                .extracting(History.Entry::input)
                .containsExactly("ok");
    }

    @Test
    void aFileGrownPastTwiceTheKeptEntriesIsCompactedToTheNewestAndNothingAddedMeanwhileIsLost() throws Exception {
        Path file = dir.resolve("history.jsonl");
        StringBuilder lines = new StringBuilder();
        int count = 2 * History.KEEP + 5;
        for (int i = 1; i <= count; i++) {
            lines.append("{\"session\":")
                    .append(1 + i / 1000)
                    .append(",\"line\":")
                    .append(i)
                    .append(",\"input\":\"cell ")
                    .append(i)
                    .append("\",\"output\":null}\n");
        }
        java.nio.file.Files.writeString(file, lines);
        History h = new History(file, log::add);
        assertThat(h.session()).isEqualTo(2 + count / 1000);
        h.add(1, "new cell", null);
        h.flush();
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(History.KEEP + 1);
        assertThat(h.tail(2)).extracting(History.Entry::input).containsExactly("cell " + count, "new cell");
        assertThat(new History(file, log::add).tail(1))
                .extracting(History.Entry::input)
                .containsExactly("new cell");
        assertThat(log).isEmpty();
    }

    @Test
    void theSessionNumberIsFoundBehindALastCellLargerThanTheWindowReadFromTheEnd() {
        Path file = dir.resolve("history.jsonl");
        History first = new History(file, log::add);
        first.add(1, "x".repeat(300_000), null); // a cell with a large literal
        first.flush();
        assertThat(new History(file, log::add).session()).isEqualTo(first.session() + 1);
    }

    @Test
    void kernelsStartingTogetherCompactOnceAndKeepEveryLineTheyAppend() throws Exception {
        Path file = dir.resolve("history.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2 * History.KEEP + 5; i++) {
            lines.append("{\"session\":1,\"line\":")
                    .append(i)
                    .append(",\"input\":\"cell ")
                    .append(i)
                    .append("\",\"output\":null}\n");
        }
        java.nio.file.Files.writeString(file, lines);
        History first = new History(file, log::add);
        History second = new History(file, log::add); // JupyterLab restoring two notebooks
        first.add(1, "first's cell", null);
        second.add(1, "second's cell", null);
        first.flush();
        second.flush();
        List<String> written = java.nio.file.Files.readAllLines(file);
        assertThat(written).hasSize(History.KEEP + 2).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        assertThat(new History(file, log::add).tail(2))
                .extracting(History.Entry::input)
                .containsExactlyInAnyOrder("first's cell", "second's cell");
        try (var leftovers = java.nio.file.Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("history.jsonl", "history.jsonl.lock");
        }
        assertThat(log).isEmpty();
    }

    @Test
    void aTornCharacterCostsOnlyItsOwnLine() throws Exception {
        Path file = dir.resolve("history.jsonl");
        byte[] torn = {'{', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}', '\n'};
        java.nio.file.Files.write(file, torn);
        java.nio.file.Files.writeString(
                file, "{\"session\":1,\"line\":2,\"input\":\"ok\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new History(file, log::add).tail(5))
                .extracting(History.Entry::input)
                .endsWith("ok");
    }
}
