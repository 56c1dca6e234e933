package org.bighead.kernel.jshell;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Java evaluation for the kernel: a JShell running snippets in this JVM. State persists across cells (imports,
 * classes, records, methods, variables; redefinition works). Not thread-safe: the kernel calls it from one thread,
 * except {@link #interrupt}, which may come from any.
 */
public final class JavaEvaluator implements AutoCloseable {
    private final JShell shell;
    private final CellExecutionControl control;
    private volatile boolean interrupted;
    private volatile ExceptionMode exceptionMode = ExceptionMode.READABLE;
    // snippet id -> the cell line its source starts on, and whether it came from the cell being run now
    private final Map<String, Integer> snippetLines = new java.util.HashMap<>();
    private final Set<String> currentSnippets = new java.util.HashSet<>();
    private final List<jdk.jshell.DeclarationSnippet> waiting = new ArrayList<>();
    private SourceJavadoc sources; // made on the first inspect: most kernels never need it

    /** Starts JShell with the kernel's class path visible to cells, then runs the startup snippets. */
    public JavaEvaluator(List<String> startup) {
        String classpath = System.getProperty("java.class.path", "");
        Set<String> entries = new LinkedHashSet<>(Arrays.asList(classpath.split(File.pathSeparator)));
        ClassPathIndex kernelJars = ClassPathIndex.start(entries); // indexed while JShell starts
        SnippetLoader loader = new SnippetLoader(JavaEvaluator.class.getClassLoader(), entries);
        // a pipeline saved from this notebook carries the classes its cells wrote (a custom stage), as compiled
        org.bighead.pipeline.bundle.NotebookCode.install(loader.classLoader(), loader::bytecode);
        CellExecutionControl[] made = new CellExecutionControl[1];
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "bighead";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                made[0] = new CellExecutionControl(loader, () -> interrupted);
                return made[0];
            }
        };
        // javac sees the kernel's jars (the Bighead API and its libraries) through the index, not a walk of each jar
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .fileManager(standard -> new IndexedClassPath(standard, kernelJars))
                .build();
        this.control = made[0];
        for (String snippet : startup) {
            Outcome outcome = eval(snippet, 1);
            if (!(outcome instanceof Outcome.Ran)) {
                throw new IllegalStateException("startup snippet failed: " + snippet + " → " + outcome);
            }
        }
    }

    /**
     * Evaluates Java source (one or more snippets) whose first line is line {@code firstLine} of the cell. Stops at
     * the first snippet that does not compile or throws.
     */
    public Outcome eval(String code, int firstLine) {
        currentSnippets.clear();
        waiting.clear();
        try {
            return evalSnippets(code, firstLine);
        } finally {
            noteUnresolved();
        }
    }

    /** Declarations that still refer to something undefined once the whole chunk ran: say what they wait for. */
    private void noteUnresolved() {
        for (jdk.jshell.DeclarationSnippet d : waiting) {
            Snippet.Status status = shell.status(d);
            if (status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                System.err.println("note: " + describe(d) + " can be used once " + missing + " is defined");
            }
        }
        waiting.clear();
    }

    private Outcome evalSnippets(String code, int firstLine) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        int consumed = 0;
        Outcome last = new Outcome.Ran(false, null);
        while (!rest.isBlank()) {
            if (interrupted) {
                return new Outcome.Interrupted();
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                return incomplete(code, consumed, firstLine, info.completeness());
            }
            String source = info.source();
            int start = locate(code, source, consumed);
            consumed = code.length() - info.remaining().length();
            rest = info.remaining();
            // as in IPython, a statement the user ended with ';' shows no value: display(x); shows x only once
            boolean quiet = info.completeness() == Completeness.COMPLETE
                    && source.stripTrailing().endsWith(";");
            last = evalSnippet(source, code, start, firstLine);
            if (quiet && last instanceof Outcome.Ran) {
                last = new Outcome.Ran(false, null);
            }
            if (!(last instanceof Outcome.Ran)) {
                return last;
            }
        }
        return last;
    }

    private Outcome evalSnippet(String source, String code, int start, int firstLine) {
        List<SnippetEvent> events = shell.eval(source);
        if (control.wasStopped() || interrupted) {
            return new Outcome.Interrupted();
        }
        Outcome result = new Outcome.Ran(false, null);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated as a side effect
            }
            Snippet snippet = event.snippet();
            int snippetLine =
                    problem(code, firstNonBlank(code, start), firstLine, "").line(); // frames count from here
            snippetLines.put(snippet.id(), snippetLine);
            currentSnippets.add(snippet.id());
            if (event.status() == Snippet.Status.REJECTED) {
                List<Outcome.Problem> problems = new ArrayList<>();
                for (Diag d : shell.diagnostics(snippet).collect(Collectors.toList())) {
                    if (d.isError()) {
                        problems.add(problem(
                                code,
                                start + (int) Math.max(0, d.getStartPosition()),
                                firstLine,
                                clean(d.getMessage(null))));
                    }
                }
                if (problems.isEmpty()) {
                    problems.add(problem(code, start, firstLine, "this code was rejected"));
                }
                return new Outcome.CompileError(problems);
            }
            JShellException exception = event.exception();
            if (exception != null) {
                return threw(exception);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                waiting.add((jdk.jshell.DeclarationSnippet) snippet); // may be resolved later in the cell
            }
            if (snippet instanceof jdk.jshell.TypeDeclSnippet type) {
                forgetImportOf(type.name());
            }
            boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                    || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            if (expression && event.value() != null) {
                Object value = control.take(event.value());
                result = new Outcome.Ran(true, value);
            } else if (event.value() != null) {
                control.take(event.value()); // a declaration's value: do not keep it alive
            }
            if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                shell.drop(snippet); // $1, $2... would otherwise slow every later cell down
            }
        }
        return result;
    }

    /**
     * A class the user declares wins over a single-type import of the same name (the notebook imports Label, Text,
     * Output...): javac would otherwise refuse every later snippet ("already defined by the single-type-import").
     */
    private void forgetImportOf(String name) {
        shell.imports()
                .filter(i -> i.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND
                        && i.name().equals(name))
                .toList()
                .forEach(shell::drop);
    }

    /** javac's message without JShell's wrapper class showing through ("location: class " with no name). */
    static String clean(String message) {
        return message.lines()
                .filter(line -> !line.strip().matches("location: class\\s*"))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Snippet snippet) {
        if (!(snippet instanceof jdk.jshell.DeclarationSnippet d)) {
            return "this code";
        }
        String kind = switch (d.subKind()) {
            case CLASS_SUBKIND -> "class";
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case RECORD_SUBKIND -> "record";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case METHOD_SUBKIND -> "method";
            default -> "variable";
        };
        return kind + " " + d.name() + (kind.equals("method") ? "()" : "");
    }

    private Outcome threw(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            jdk.jshell.DeclarationSnippet s = unresolved.getSnippet();
            return new Outcome.Threw(
                    "UnresolvedReference",
                    describe(s) + " cannot be used until what it refers to" + " is defined",
                    List.of());
        }
        EvalException e = (EvalException) exception;
        List<String> stack = switch (exceptionMode) {
            case READABLE -> ReadableStack.lines(thrown(e), this::cellFrame);
            case FULL -> ReadableStack.full(thrown(e), this::cellFrame);
            case MINIMAL -> List.of();
        };
        return new Outcome.Threw(e.getExceptionClassName(), e.getMessage(), stack);
    }

    /** How much of a stack the next errors show ({@code %xmode}). */
    public void exceptionMode(ExceptionMode mode) {
        exceptionMode = mode;
    }

    /** How much of a stack errors show now. */
    public ExceptionMode exceptionMode() {
        return exceptionMode;
    }

    private static ReadableStack.Thrown thrown(JShellException e) {
        return new ReadableStack.Thrown(
                e instanceof EvalException evalException ? evalException.getExceptionClassName() : "(unresolved)",
                e.getMessage(),
                e.getStackTrace(),
                e.getCause() instanceof JShellException cause ? thrown(cause) : null);
    }

    /** A frame of cell code as a person reads it: where in which cell, and the code on that line. */
    private Optional<String> cellFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return Optional.empty();
        }
        String id = file.substring(1);
        Integer first = snippetLines.get(id);
        int inSnippet = Math.max(1, frame.getLineNumber());
        String where = first == null
                ? "a cell"
                : (currentSnippets.contains(id) ? "line " : "an earlier cell, line ") + (first + inSnippet - 1);
        String name = userName(frame);
        String code = shell.snippets() // counted as `where` is: from the snippet's first line that is not blank
                .filter(s -> s.id().equals(id))
                .findFirst()
                .flatMap(s -> s.source()
                        .lines()
                        .dropWhile(String::isBlank)
                        .skip(inSnippet - 1L)
                        .findFirst())
                .map(line -> ": " + line.strip())
                .orElse("");
        return Optional.of((name.isEmpty() ? where : name + " (" + where + ")") + code);
    }

    /**
     * The name a person wrote for a frame's method: {@code twice}, {@code Point.sum}; none for a cell's statements
     * (JShell runs them as {@code REPL.$JShell$12.do_it$}).
     */
    static String userName(StackTraceElement frame) {
        String type = frame.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?", "");
        String method = frame.getMethodName();
        if (method.startsWith("do_it$") || method.equals("<clinit>")) {
            method = "";
        } else if (method.startsWith("lambda$")) {
            method = "(lambda)";
        }
        type = type.replace('$', '.');
        return type.isEmpty() ? method : method.isEmpty() ? type : type + "." + method;
    }

    private Outcome incomplete(String code, int consumed, int firstLine, Completeness completeness) {
        String reason = completeness == Completeness.UNKNOWN
                ? "this code cannot be parsed"
                : "this code is incomplete (a missing ';', ')' or '}'?)";
        return new Outcome.CompileError(List.of(problem(code, firstNonBlank(code, consumed), firstLine, reason)));
    }

    private static int firstNonBlank(String code, int from) {
        int i = from;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) i++;
        return Math.min(i, Math.max(0, code.length() - 1));
    }

    /**
     * Where a snippet's source starts in the chunk: JShell's diagnostics count from the first character of the
     * source it was given, which may begin with the whitespace left over from the previous snippet.
     */
    private static int locate(String code, String source, int from) {
        String probe = source.strip();
        if (probe.endsWith(";")) {
            probe = probe.substring(0, probe.length() - 1); // JShell may have added it
        }
        int at = probe.isEmpty() ? -1 : code.indexOf(probe.substring(0, Math.min(probe.length(), 40)), from);
        int lead = source.length() - source.stripLeading().length();
        return at >= 0 ? Math.max(0, at - lead) : firstNonBlank(code, from);
    }

    private static Outcome.Problem problem(String code, int offset, int firstLine, String message) {
        int at = Math.max(0, Math.min(offset, code.length()));
        int line = firstLine;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (code.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = code.indexOf('\n', lineStart);
        String sourceLine = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        return new Outcome.Problem(line, at - lineStart + 1, message, sourceLine);
    }

    /**
     * Completions at {@code cursor} (a UTF-16 index): the matches, each with its kind and signature, and the range
     * they replace. Ordered as a person looks for them: what fits the expected type, then variables, methods,
     * fields, classes, packages, keywords, each alphabetically.
     */
    public Completion complete(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        Map<String, Boolean> fits = new java.util.LinkedHashMap<>();
        suggestions.stream()
                .filter(s -> !s.continuation().isEmpty())
                .forEach(s -> fits.merge(s.continuation(), s.matchesType(), Boolean::logicalOr));
        String before = code.substring(0, anchor[0]);
        boolean member = before.stripTrailing().endsWith(".");
        List<Completion.Match> matches = new ArrayList<>();
        fits.forEach((text, fitsType) -> matches.add(CompletionKinds.guess(text, fitsType, member)));
        matches.sort(CompletionKinds.ORDER);
        // JShell's analysis tells the exact kind and signature, at a few ms each: for the first matches, which a
        // person sees first (a class's 300 members would take seconds)
        for (int i = 0; i < Math.min(matches.size(), CompletionKinds.DESCRIBED); i++) {
            Completion.Match m = matches.get(i);
            matches.set(
                    i,
                    CompletionKinds.describe(
                            m.text(),
                            m.fitsType(),
                            text -> analysis.documentation(before + text, before.length() + text.length(), false)));
        }
        matches.sort(CompletionKinds.ORDER);
        return new Completion(matches, anchor[0], cursor);
    }

    /** Matches and the [start, end) range of the text they replace. */
    public record Completion(List<Match> typed, int start, int end) {
        /** A completion: its text, its kind (method, field, variable, class, package, keyword) and signature. */
        public record Match(String text, String type, String signature, boolean fitsType) {}

        /** The texts alone, in order. */
        public List<String> matches() {
            return typed.stream().map(Match::text).toList();
        }
    }

    /**
     * Signatures and Javadoc of what is at the cursor, or empty. Javadoc comes from the JDK's src.zip (through JShell)
     * or from the source beside a class's jar or class folder (Bighead's own modules ship a -sources.jar).
     */
    public Optional<String> inspect(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code.substring(0, end), end, true);
        if (docs.isEmpty()) {
            // "Math.max" finds nothing until it looks like a call
            docs = analysis.documentation(code.substring(0, end) + "(", end + 1, true);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        if (sources == null) {
            sources = new SourceJavadoc(control.classLoader());
        }
        List<String> packages = new ArrayList<>(List.of("java.lang"));
        shell.imports()
                .filter(i -> !i.isStatic())
                .forEach(
                        i -> { // the packages a simple name may come from
                            String name = i.fullname();
                            packages.add(
                                    name.endsWith(".*")
                                            ? name.substring(0, name.length() - 2)
                                            : name.replaceFirst("\\.[^.]*$", ""));
                        });
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            Optional<String> javadoc = d.javadoc() != null && !d.javadoc().isBlank()
                    ? Optional.of(d.javadoc())
                    : sources.javadoc(d.signature(), packages);
            javadoc.map(JavadocText::plain)
                    .filter(t -> !t.isBlank())
                    .ifPresent(t -> text.append(t).append("\n\n"));
        }
        return Optional.of(text.toString().strip());
    }

    /** "complete", "incomplete" or "invalid", as Jupyter's is_complete wants. */
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "incomplete";
                case UNKNOWN:
                    return "invalid";
                default:
                    if (info.remaining().isBlank()) {
                        return "complete";
                    }
                    rest = info.remaining();
            }
        }
    }

    /** Adds jars or folders to javac's and the cells' class path. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Starts a new cell: forgets an interrupt aimed at the previous one. */
    public void startCell() {
        interrupted = false;
    }

    /**
     * Stops the running cell, from any thread, without waiting for it: its code ends at its next loop or call, its
     * blocking calls are interrupted. Also stops what the cell would run next: a statement still being compiled, or
     * the cell's later statements.
     */
    public void interrupt() {
        interrupted = true;
        control.stop();
    }

    /** Whether user code is running now. */
    public boolean isRunning() {
        return control.isRunning();
    }

    @Override
    public void close() {
        shell.close();
    }
}
