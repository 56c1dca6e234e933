package org.bighead.kernel.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Input history across kernel sessions, as IPython keeps it: every stored cell with its session number, execution
 * count and, once known, its text output. Appended to a JSON-lines file so a new session can search old ones.
 */
public final class History {
    /** One history entry. */
    public record Entry(int session, int line, String input, String output) {}

    static final int KEEP = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Entry> entries = new ArrayList<>();
    private final Path file;
    private final Consumer<String> log;
    private final int session;
    private final java.util.concurrent.ExecutorService writer =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bighead-history");
                t.setDaemon(true);
                return t;
            });

    /** Loads {@code file} (if it exists) and starts a new session after the last one recorded. */
    public History(Path file, Consumer<String> log) {
        this.file = file;
        this.log = log;
        int last = 0;
        if (file != null && Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        JsonNode n = JSON.readTree(line);
                        Entry e = new Entry(
                                n.path("session").asInt(),
                                n.path("line").asInt(),
                                n.path("input").asText(),
                                n.hasNonNull("output") ? n.get("output").asText() : null);
                        entries.add(e);
                        last = Math.max(last, e.session());
                    } catch (IOException bad) {
                        // a torn last line from a crash: skip it
                    }
                }
            } catch (IOException e) {
                log.accept("cannot read history " + file + ": " + e.getMessage());
            }
            if (entries.size() > KEEP) {
                entries.subList(0, entries.size() - KEEP).clear();
            }
        }
        this.session = last + 1;
    }

    /** This kernel's session number. */
    public int session() {
        return session;
    }

    /** Records a cell's input (and text output, or null); the file is appended after the cell's reply has gone. */
    public synchronized void add(int line, String input, String output) {
        Entry e = new Entry(session, line, input, output);
        entries.add(e);
        if (file != null) {
            writer.execute(() -> append(e)); // in order, off the cell's path, as IPython's history thread does
        }
    }

    private void append(Entry e) {
        try {
            Files.createDirectories(file.getParent());
            ObjectNode n = JSON.createObjectNode();
            n.put("session", e.session())
                    .put("line", e.line())
                    .put("input", e.input())
                    .put("output", e.output());
            try (BufferedWriter w = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(JSON.writeValueAsString(n));
                w.write('\n');
            }
        } catch (IOException ex) {
            log.accept("cannot append to history " + file + ": " + ex.getMessage());
        }
    }

    /** Waits until every entry added so far is in the file (at shutdown, and for tests). */
    public void flush() {
        try {
            writer.submit(() -> {}).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code n} entries, oldest first. */
    public synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Entries of one session with {@code start <= line < stop}. Session 0 is this one, negative counts back from it;
     * stop 0 or less means "to the end".
     */
    public synchronized List<Entry> range(int sessionNumber, int start, int stop) {
        int wanted = sessionNumber <= 0 ? session + sessionNumber : sessionNumber;
        return entries.stream()
                .filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /** The last {@code n} entries matching a glob ({@code *}, {@code ?}), oldest first; optionally unique inputs. */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0 && (n <= 0 || found.size() < n); i--) {
            Entry e = entries.get(i);
            if (pattern.matcher(e.input()).matches() && (!unique || seen.add(e.input()))) {
                found.add(0, e);
            }
        }
        return found;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : (glob == null || glob.isEmpty() ? "*" : glob).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
