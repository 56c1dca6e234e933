package org.bighead.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.bighead.kernel.display.Display;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.kernel.jshell.Outcome;
import org.bighead.kernel.maven.IsolatedMavenResolver;
import org.bighead.magics.BigheadConfig;
import org.bighead.magics.CellPart;
import org.bighead.magics.CellPlan;
import org.bighead.magics.MagicContext;
import org.bighead.magics.MagicException;
import org.bighead.magics.MagicRegistry;

/**
 * Runs one cell: splits it into Java code and magics, evaluates the code with line numbers of the cell, runs the
 * magics with this kernel as their {@link MagicContext}, and reports the last value or the first error.
 */
final class CellRunner implements MagicContext {

    /** A cell's outcome: an error (Jupyter error content), or a value to show when {@code hasValue}. */
    record Result(ObjectNode error, boolean hasValue, Object value) {}

    private final CompletableFuture<JavaEvaluator> evaluator;
    private final MagicRegistry magics;
    private final Set<Path> added = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
    private volatile IsolatedMavenResolver resolver;
    private volatile BigheadConfig config;

    CellRunner(CompletableFuture<JavaEvaluator> evaluator, MagicRegistry magics, Kernel kernel, Consumer<String> log) {
        this.evaluator = evaluator;
        this.magics = magics;
        org.bighead.magics.NotebookExports.install(this); // ExportButton.of(model) reaches the registry and cells
    }

    /** Runs a cell; {@code cancelled} tells whether an interrupt aimed at it came before JShell saw it. */
    Result run(String code, java.util.function.BooleanSupplier cancelled) {
        java().startCell();
        if (cancelled.getAsBoolean()) {
            java().interrupt(); // interrupted while waiting for JShell to start: run nothing
        }
        CellPlan plan = CellPlan.parse(code);
        try {
            magics.check(plan);
        } catch (MagicException e) {
            return new Result(Errors.magic(e.getMessage()), false, null);
        }
        Result last = new Result(null, false, null);
        for (CellPart part : plan.parts()) {
            if (part instanceof CellPart.Code chunk) {
                Outcome outcome = java().eval(chunk.source(), chunk.firstLine());
                if (outcome instanceof Outcome.Ran ran) {
                    last = new Result(null, ran.hasValue(), ran.value());
                } else {
                    return new Result(Errors.of(outcome), false, null);
                }
            } else {
                try {
                    Object value = magics.run(part, this);
                    last = new Result(null, value != null, value);
                } catch (MagicException e) {
                    return new Result(
                            e.getCause() instanceof Interrupted
                                    ? Errors.of(new Outcome.Interrupted())
                                    : Errors.magic(e.getMessage()),
                            false,
                            null);
                }
            }
        }
        return last;
    }

    /** Records a cell that ran without error and was stored in history: a model's lineage lists it. */
    void succeeded(String code) {
        succeeded.add(code);
    }

    JavaEvaluator.Completion complete(String code, int cursor) {
        return java().complete(code, cursor);
    }

    Optional<String> inspect(String code, int cursor) {
        return java().inspect(code, cursor);
    }

    String isComplete(String code) {
        CellPlan plan = CellPlan.parse(code);
        if (plan.firstInvalid().isPresent()) {
            return "invalid";
        }
        if (plan.parts().stream().anyMatch(p -> p instanceof CellPart.CellCall)) {
            return "complete"; // a cell magic owns its body; Enter submits it
        }
        String verdict = "complete";
        for (CellPart part : plan.parts()) {
            if (part instanceof CellPart.Code chunk && !chunk.source().isBlank()) {
                verdict = java().isComplete(chunk.source());
                if (!verdict.equals("complete")) {
                    return verdict;
                }
            }
        }
        return verdict;
    }

    private JavaEvaluator java() {
        return evaluator.join();
    }

    // --- MagicContext ---

    /** Marks a magic's eval that was interrupted, so the cell reports "Interrupted" rather than a magic error. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    @Override
    public Object eval(String code) {
        Outcome outcome = java().eval(code, 1);
        if (outcome instanceof Outcome.Ran ran) {
            return ran.value();
        }
        if (outcome instanceof Outcome.Interrupted) {
            throw new MagicException("interrupted", new Interrupted());
        }
        ObjectNode error = Errors.of(outcome);
        throw new MagicException(
                error.path("ename").asText() + ": " + error.path("evalue").asText());
    }

    @Override
    public void display(Object value) {
        Display.display(value);
    }

    @Override
    public PrintStream out() {
        return System.out;
    }

    @Override
    public PrintStream err() {
        return System.err;
    }

    @Override
    public List<Path> addToClasspath(List<Path> paths) {
        List<Path> fresh = new ArrayList<>();
        for (Path p : paths) {
            Path normal = p.toAbsolutePath().normalize();
            if (added.add(normal)) {
                fresh.add(normal);
            }
        }
        if (!fresh.isEmpty()) {
            java().addToClasspath(String.join(
                    File.pathSeparator, fresh.stream().map(Path::toString).toList()));
            fresh.forEach(jar -> Shadowing.warnIfShadowed(jar, Kernel.class.getClassLoader(), System.err));
        }
        return fresh;
    }

    @Override
    public Set<Path> addedClasspath() {
        synchronized (added) {
            return new LinkedHashSet<>(added);
        }
    }

    @Override
    public List<Path> resolveMaven(List<String> coordinates) {
        IsolatedMavenResolver r = resolver;
        if (r == null) {
            try {
                r = IsolatedMavenResolver.fromSystemProperty();
            } catch (IllegalStateException e) {
                throw new MagicException("%maven is not available: " + e.getMessage());
            }
            resolver = r;
        }
        try {
            return r.resolve(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }

    @Override
    public List<String> sessionCells() {
        synchronized (succeeded) {
            return List.copyOf(succeeded);
        }
    }

    @Override
    public BigheadConfig config() {
        BigheadConfig c = config;
        if (c == null) {
            c = BigheadConfig.forCurrentUser();
            config = c;
        }
        return c;
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public String version() {
        return KernelInfo.VERSION;
    }
}
