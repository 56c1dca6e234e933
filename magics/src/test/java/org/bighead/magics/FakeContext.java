package org.bighead.magics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A stand-in for the kernel: {@code eval} answers only the code a test taught it with {@link #answer}, output is
 * captured, the class path is a set, and Maven resolution is whatever the test says.
 */
final class FakeContext implements MagicContext {
    final List<String> evaluated = new ArrayList<>();
    final List<Object> displayed = new ArrayList<>();
    final List<List<String>> resolved = new ArrayList<>();
    final Set<Path> classpath = new LinkedHashSet<>();
    final List<String> cells = new ArrayList<>();
    private final Map<String, Object> answers = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final BigheadConfig config;
    private final MagicRegistry magics;
    private Function<List<String>, List<Path>> maven = coordinates -> {
        throw new MagicException("no Maven in this test");
    };

    /** A context whose settings live in {@code configFile} (written only when a test sets something). */
    FakeContext(Path configFile) {
        this(configFile, MagicRegistry.withBuiltIns());
    }

    FakeContext(Path configFile, MagicRegistry magics) {
        this.config = new BigheadConfig(configFile);
        this.magics = magics;
    }

    /** A context for tests that never change settings (the file is under target/ and never written). */
    static FakeContext create() {
        return new FakeContext(Path.of("target", "settings-never-written", "config.json"));
    }

    /** Makes {@code eval(code)} return {@code value}. */
    FakeContext answer(String code, Object value) {
        answers.put(code.strip(), value);
        return this;
    }

    /** Makes {@code resolveMaven} answer with {@code resolver}. */
    FakeContext maven(Function<List<String>, List<Path>> resolver) {
        this.maven = resolver;
        return this;
    }

    /** Runs a whole cell as the kernel would. */
    Object run(String cell) {
        return magics.runCell(cell, this);
    }

    /** Everything printed to out() so far. */
    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed to err() so far. */
    String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Object eval(String code) {
        evaluated.add(code);
        String key = code.strip();
        if (!answers.containsKey(key)) {
            throw new MagicException("cannot find symbol: " + key);
        }
        return answers.get(key);
    }

    @Override
    public void display(Object value) {
        displayed.add(value);
    }

    @Override
    public PrintStream out() {
        return outStream;
    }

    @Override
    public PrintStream err() {
        return errStream;
    }

    @Override
    public List<Path> addToClasspath(List<Path> paths) {
        List<Path> added = new ArrayList<>();
        for (Path path : paths) {
            if (classpath.add(path)) {
                added.add(path);
            }
        }
        return added;
    }

    @Override
    public Set<Path> addedClasspath() {
        return new LinkedHashSet<>(classpath);
    }

    @Override
    public List<Path> resolveMaven(List<String> coordinates) {
        resolved.add(List.copyOf(coordinates));
        return maven.apply(coordinates);
    }

    @Override
    public List<String> sessionCells() {
        return List.copyOf(cells);
    }

    @Override
    public BigheadConfig config() {
        return config;
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public String version() {
        return "0.1.0-test";
    }
}
