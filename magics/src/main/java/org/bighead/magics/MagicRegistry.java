package org.bighead.magics;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The magics a kernel knows, by name, each with a one-line help text; and the one place where a cell part runs
 * and where failures become {@link MagicException}s. Register at kernel start; a registry is not meant to change
 * while cells run.
 */
public final class MagicRegistry {
    private record Entry<M>(String help, M magic) {}

    private final SortedMap<String, Entry<LineMagic>> lines = new TreeMap<>();
    private final SortedMap<String, Entry<CellMagic>> cells = new TreeMap<>();
    private final BigheadCommand bighead = new BigheadCommand();

    /** An empty registry (no built-ins); {@link #bighead()} has only its {@code help} subcommand. */
    public MagicRegistry() {}

    /** The built-in magics plus those of every {@link MagicProvider} on the context class loader. */
    public static MagicRegistry withBuiltIns() {
        return withBuiltIns(Thread.currentThread().getContextClassLoader());
    }

    /**
     * The built-in magics plus those of every {@link MagicProvider} that {@code loader} finds.
     *
     * @throws IllegalStateException naming the provider when one fails, e.g. registers a name twice
     */
    public static MagicRegistry withBuiltIns(ClassLoader loader) {
        MagicRegistry registry = new MagicRegistry();
        Path workingDir = Path.of("").toAbsolutePath();
        Path home = Path.of(System.getProperty("user.home"));
        registry.line("lsmagic", "List the line and cell magics with their help.", new LsMagic())
                .line("time", "Time one line of Java and show its value: %time model.fit(train)", TimeMagic::line)
                .cell("time", "Time the Java code of the whole cell and show its value.", TimeMagic::cell)
                .line(
                        "maven",
                        "Add Maven artifacts and their dependencies: %maven group:artifact:version ...",
                        new MavenMagic())
                .line(
                        "classpath",
                        "Add jars or class folders (globs, ~); alone, list what was added.",
                        new ClasspathMagic(workingDir, home))
                .line(
                        "jars",
                        "Add the jar files that globs or folders name: %jars lib/*.jar",
                        new JarsMagic(workingDir, home))
                .line(
                        "bighead",
                        "Bighead platform commands: config, env, hardware, show, register, models, jobs, batch-score, ... (%bighead help)",
                        registry.bighead);
        registry.bighead
                .add(PicocliSubcommand.of(() -> new ConfigSubcommand(System.getenv())))
                .add(new ShowSubcommand(workingDir, home))
                .add(PicocliSubcommand.of(VersionSubcommand::new))
                .add(PicocliSubcommand.of(() -> new RegisterSubcommand(System.getenv(), workingDir)))
                .add(PicocliSubcommand.of(() -> new ExportSubcommand(System.getenv(), workingDir)))
                .add(PicocliSubcommand.of(() -> new ModelsSubcommand(System.getenv())))
                .add(PicocliSubcommand.of(() -> new JobsSubcommand(System.getenv())))
                .add(PicocliSubcommand.of(() -> new BatchScoreSubcommand(System.getenv(), workingDir, bigheadHome())))
                .add(PicocliSubcommand.of(() -> new EnvSubcommand(System.getenv(), bigheadHome())))
                .add(PicocliSubcommand.of(() -> new HardwareSubcommand(System.getenv())));
        for (ServiceLoader.Provider<MagicProvider> provider :
                ServiceLoader.load(MagicProvider.class, loader).stream().toList()) {
            try {
                provider.get().register(registry);
            } catch (RuntimeException | ServiceConfigurationError e) {
                throw new IllegalStateException(
                        "magic provider " + provider.type().getName() + " failed to register: " + describe(e), e);
            }
        }
        return registry;
    }

    /** Registers {@code %name}; {@code help} is one line for %lsmagic. */
    public MagicRegistry line(String name, String help, LineMagic magic) {
        add(lines, "%", name, help, magic);
        return this;
    }

    /** Registers {@code %%name}; {@code help} is one line for %lsmagic. */
    public MagicRegistry cell(String name, String help, CellMagic magic) {
        add(cells, "%%", name, help, magic);
        return this;
    }

    /** The line magic called {@code name}, if registered. */
    public Optional<LineMagic> lineMagic(String name) {
        return Optional.ofNullable(lines.get(name)).map(Entry::magic);
    }

    /** The cell magic called {@code name}, if registered. */
    public Optional<CellMagic> cellMagic(String name) {
        return Optional.ofNullable(cells.get(name)).map(Entry::magic);
    }

    /** Line magic names (without {@code %}) to their help, sorted by name. */
    public SortedMap<String, String> lineMagics() {
        return helps(lines);
    }

    /** Cell magic names (without {@code %%}) to their help, sorted by name. */
    public SortedMap<String, String> cellMagics() {
        return helps(cells);
    }

    /** The Bighead checkout the kernel runs from ({@code -Dbighead.root}, set by bighead-kernel), or null. */
    static Path bigheadHome() {
        String home = System.getProperty("bighead.root");
        return home == null || home.isBlank() ? null : Path.of(home);
    }

    /** The {@code %bighead} command, to add subcommands: {@code registry.bighead().add(subcommand)}. */
    public BigheadCommand bighead() {
        return bighead;
    }

    /**
     * Parses a cell, checks every magic in it, then runs its parts in order; returns the value of the last part.
     * Code chunks go to {@link MagicContext#eval}; a kernel that reports compile errors by cell line evaluates
     * {@link CellPart.Code} parts itself (with their {@code firstLine}) and passes the others to {@link #run}.
     *
     * @throws MagicException before anything runs when a magic line is malformed or names an unknown magic
     */
    public Object runCell(String cell, MagicContext context) {
        CellPlan plan = CellPlan.parse(cell);
        check(plan);
        Object last = null;
        for (CellPart part : plan.parts()) {
            last = run(part, context);
        }
        return last;
    }

    /** Throws the error of the first malformed part or unknown magic of a plan, so a bad cell runs nothing. */
    public void check(CellPlan plan) {
        for (CellPart part : plan.parts()) {
            if (part instanceof CellPart.Invalid invalid) {
                throw new MagicException(invalid.message());
            } else if (part instanceof CellPart.LineCall call && !lines.containsKey(call.name())) {
                throw unknown(call.name(), false);
            } else if (part instanceof CellPart.CellCall call && !cells.containsKey(call.name())) {
                throw unknown(call.name(), true);
            }
        }
    }

    /**
     * Runs one part: a magic with its arguments, or code through {@link MagicContext#eval}; returns the value to
     * show, or null. Anything but a {@link MagicException} thrown by a magic is wrapped in one that names it.
     */
    public Object run(CellPart part, MagicContext context) {
        if (part instanceof CellPart.Code code) {
            return context.eval(code.source());
        } else if (part instanceof CellPart.Invalid invalid) {
            throw new MagicException(invalid.message());
        } else if (part instanceof CellPart.LineCall call) {
            LineMagic magic = lineMagic(call.name()).orElseThrow(() -> unknown(call.name(), false));
            return guarded("%" + call.name(), () -> magic.run(call.args(), context));
        } else if (part instanceof CellPart.CellCall call) {
            CellMagic magic = cellMagic(call.name()).orElseThrow(() -> unknown(call.name(), true));
            return guarded("%%" + call.name(), () -> magic.run(call.args(), call.body(), context));
        }
        throw new IllegalArgumentException("unknown cell part " + part);
    }

    private interface Body {
        Object run() throws Exception;
    }

    private static Object guarded(String magic, Body body) {
        try {
            return body.run();
        } catch (MagicException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new MagicException(magic + " failed: " + describe(e), e);
        }
    }

    /** "IOException: disk full", or the class name alone when there is no message. */
    static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    private MagicException unknown(String name, boolean cell) {
        String prefix = cell ? "%%" : "%";
        SortedMap<String, ?> known = cell ? cells : lines;
        StringBuilder message =
                new StringBuilder("unknown magic ").append(prefix).append(name);
        Names.closest(name, known.keySet())
                .ifPresent(near -> message.append(" (did you mean ")
                        .append(prefix)
                        .append(near)
                        .append("?)"));
        if (cell && lines.containsKey(name)) {
            message.append(" (%").append(name).append(" is a line magic: put it on a line of its own)");
        } else if (!cell && cells.containsKey(name)) {
            message.append(" (%%").append(name).append(" is a cell magic: put it on the first line of the cell)");
        }
        message.append("; available ")
                .append(cell ? "cell" : "line")
                .append(" magics: ")
                .append(known.keySet().stream().map(n -> prefix + n).collect(Collectors.joining(", ")))
                .append(" (see %lsmagic)");
        return new MagicException(message.toString());
    }

    private static <M> void add(Map<String, Entry<M>> into, String prefix, String name, String help, M magic) {
        if (name.isEmpty() || !name.chars().allMatch(c -> CellPlan.isNameChar((char) c))) {
            throw new IllegalArgumentException("magic name '" + name + "' must be letters, digits, '_' or '-'");
        }
        if (help.isBlank() || help.contains("\n")) {
            throw new IllegalArgumentException("the help of " + prefix + name + " must be one non-blank line");
        }
        if (into.containsKey(name)) {
            throw new IllegalStateException(prefix + name + " is already registered");
        }
        into.put(name, new Entry<>(help, magic));
    }

    private static SortedMap<String, String> helps(SortedMap<String, ? extends Entry<?>> entries) {
        SortedMap<String, String> out = new TreeMap<>();
        entries.forEach((name, entry) -> out.put(name, entry.help()));
        return out;
    }
}
