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

    private final List<Entry> entries = new ArrayList<>(); // this session's
    private final Path file;
    private final Consumer<String> log;
    private final int session;
    private final java.util.concurrent.ExecutorService writer =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bighead-history");
                t.setDaemon(true);
                return t;
            });
    // the earlier sessions' entries, read on the writer thread so a long file never delays the kernel's start; the
    // appends queue behind the read, so a file compacted there loses nothing
    private final java.util.concurrent.Future<List<Entry>> earlier;

    /** Starts a new session after the last one {@code file} records (if it exists) and reads the file meanwhile. */
    public History(Path file, Consumer<String> log) {
        this.file = file;
        this.log = log;
        boolean exists = file != null && Files.isRegularFile(file);
        this.session = (exists ? lastSession(file) : 0) + 1;
        this.earlier = exists
                ? writer.submit(this::readAndCompact)
                : java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }

    /** The highest session among the file's last lines: read from the end, as the file only grows. */
    private int lastSession(Path path) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path)) {
            long size = channel.size();
            for (long window = 64 * 1024; ; window *= 4) {
                long from = Math.max(0, size - window);
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) (size - from));
                channel.read(bytes, from);
                String text = new String(bytes.array(), StandardCharsets.UTF_8);
                List<Entry> parsed = parse((from == 0 ? text : text.substring(text.indexOf('\n') + 1))
                        .lines()
                        .toList());
                if (!parsed.isEmpty() || from == 0) {
                    return parsed.stream().mapToInt(Entry::session).max().orElse(0);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.accept("cannot read history " + path + ": " + e.getMessage());
            return 0;
        }
    }

    /**
     * The last {@link #KEEP} entries; a file grown past twice that is rewritten with them alone. Other kernels
     * (JupyterLab restores several notebooks at once) append to the same file: compaction and appends hold its lock.
     */
    private List<Entry> readAndCompact() {
        List<String> kept;
        try {
            kept = locked(() -> {
                // decoded leniently: one torn character must not cost the whole history
                List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                List<String> newest = lines.subList(Math.max(0, lines.size() - KEEP), lines.size());
                if (lines.size() > 2 * KEEP) {
                    Path compacted = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".compacting");
                    try {
                        Files.write(compacted, newest, StandardCharsets.UTF_8);
                        Files.move(
                                compacted,
                                file,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        Files.deleteIfExists(compacted);
                        log.accept("cannot compact history " + file + ": " + e.getMessage());
                    }
                }
                return newest;
            });
        } catch (IOException e) {
            log.accept("cannot read history " + file + ": " + e.getMessage());
            return List.of();
        }
        return parse(kept);
    }

    private interface FileWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the history's lock file: against other kernels, and other Historys in this JVM. */
    private <T> T locked(FileWork<T> work) throws IOException {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        synchronized (History.class) { // a FileLock is per JVM: two in one JVM would overlap
            try (java.nio.channels.FileChannel channel =
                    java.nio.channels.FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                java.nio.channels.FileLock held = channel.lock(); // released when the channel closes
                try {
                    return work.run();
                } finally {
                    held.release();
                }
            }
        }
    }

    private static List<Entry> parse(List<String> lines) {
        List<Entry> parsed = new ArrayList<>();
        for (String line : lines) {
            try {
                JsonNode n = JSON.readTree(line);
                parsed.add(new Entry(
                        n.path("session").asInt(),
                        n.path("line").asInt(),
                        n.path("input").asText(),
                        n.hasNonNull("output") ? n.get("output").asText() : null));
            } catch (IOException torn) {
                // a torn last line from a crash: skip it
            }
        }
        return parsed;
    }

    /** Every entry kept, earlier sessions' first. */
    private List<Entry> all() {
        List<Entry> all;
        try {
            all = new ArrayList<>(earlier.get());
        } catch (java.util.concurrent.ExecutionException e) {
            all = new ArrayList<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = new ArrayList<>();
        }
        all.addAll(entries);
        return all;
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
            String line = JSON.writeValueAsString(n) + "\n";
            locked(() -> {
                try (BufferedWriter w = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    w.write(line);
                }
                return null;
            });
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
        List<Entry> all = all();
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, n)), all.size()));
    }

    /**
     * Entries of one session with {@code start <= line < stop}. Session 0 is this one, negative counts back from it;
     * stop 0 or less means "to the end".
     */
    public synchronized List<Entry> range(int sessionNumber, int start, int stop) {
        int wanted = sessionNumber <= 0 ? session + sessionNumber : sessionNumber;
        return all().stream()
                .filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /** The last {@code n} entries matching a glob ({@code *}, {@code ?}), oldest first; optionally unique inputs. */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<Entry> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Entry> all = all();
        for (int i = all.size() - 1; i >= 0 && (n <= 0 || found.size() < n); i--) {
            Entry e = all.get(i);
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
