package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JShell in the kernel's JVM: state persists, errors point at the cell, runaway code can be stopped. */
class JavaEvaluatorTest {
    static JavaEvaluator java;

    @BeforeAll
    static void start() {
        java = new JavaEvaluator(List.of("import java.util.*;"));
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    /** Evaluates as one cell (a new cell forgets an earlier interrupt, as the kernel does). */
    private static Outcome cell(String code, int firstLine) {
        java.startCell();
        return java.eval(code, firstLine);
    }

    private static Object value(String code) {
        Outcome outcome = cell(code, 1);
        assertThat(outcome).isInstanceOf(Outcome.Ran.class);
        return ((Outcome.Ran) outcome).value();
    }

    @Test
    void theLastExpressionIsTheValueAsARealObject() {
        assertThat(value("List.of(1, 2, 3)")).isEqualTo(List.of(1, 2, 3));
        assertThat(cell("int unused = 1;", 1)).isEqualTo(new Outcome.Ran(false, null));
    }

    @Test
    void classesRecordsAndMethodsPersistAndCanBeRedefined() {
        value("record Point(int x, int y) { int sum() { return x + y; } }");
        value("int twice(int v) { return 2 * v; }");
        assertThat(value("twice(new Point(2, 3).sum())")).isEqualTo(10);
        value("int twice(int v) { return 3 * v; }");
        assertThat(value("twice(new Point(2, 3).sum())")).isEqualTo(15);
    }

    @Test
    void aCompileErrorNamesItsLineAndColumnInTheCell() {
        Outcome outcome = cell("int ok = 1;\nString s = 5;\n", 1);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.CompileError.class, e -> {
            Outcome.Problem p = e.problems().get(0);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(12);
            assertThat(p.sourceLine()).isEqualTo("String s = 5;");
            assertThat(p.message()).contains("incompatible types");
        });
        Outcome later = cell("undefinedCall();", 7);
        assertThat(((Outcome.CompileError) later).problems().get(0).line()).isEqualTo(7);
    }

    @Test
    void anExceptionCarriesItsClassMessageAndCellLine() {
        Outcome outcome = cell("int a = 1;\nthrow new IllegalStateException(\"boom\");", 1);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Threw.class, t -> {
            assertThat(t.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
            assertThat(t.message()).isEqualTo("boom");
            assertThat(t.stack()).anySatisfy(frame -> assertThat(frame).contains("line 2"));
        });
    }

    /** Runs {@code code} as a cell, interrupts it once it printed nothing but started, and returns its outcome. */
    private static Outcome interrupted(String code) throws Exception {
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> cell(code, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!java.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        java.interrupt();
        return running.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBusyLoopIsStoppedAndTheKernelStaysUsable() throws Exception {
        value("int kept = 41;");
        assertThat(interrupted("while (true) { }")).isInstanceOf(Outcome.Interrupted.class);
        assertThat(value("kept + 1")).isEqualTo(42);
    }

    @Test
    void aLoopCallingAMethodOfAnEarlierCellIsStopped() throws Exception {
        value("long calls = 0; void work() { calls++; }");
        assertThat(interrupted("while (true) { work(); }")).isInstanceOf(Outcome.Interrupted.class);
        assertThat(value("calls")).isInstanceOf(Long.class); // the earlier cell's state is still there
    }

    @Test
    void aLoopThatSwallowsInterruptsAndExceptionsIsStopped() throws Exception {
        String code = "while (true) { try { Thread.sleep(50); } catch (Exception e) { } }";
        assertThat(interrupted(code)).isInstanceOf(Outcome.Interrupted.class);
        assertThat(value("1 + 1")).isEqualTo(2);
    }

    @Test
    void aReadThatIgnoresInterruptsIsLeftBehindAndTheKernelAnswers() throws Exception {
        value("var server = new java.net.ServerSocket(0);");
        // java.net.Socket reads ignore Thread.interrupt on every JDK: the kernel stops waiting after a few seconds
        String code =
                "try (var s = new java.net.Socket(\"127.0.0.1\", server.getLocalPort())) { s.getInputStream().read(); }";
        assertThat(interrupted(code)).isInstanceOf(Outcome.Interrupted.class);
        assertThat(value("server.getLocalPort() > 0")).isEqualTo(true);
        value("server.close();");
    }

    @Test
    void completionOffersMembersAndUserNames() {
        value("int myVariable = 3;");
        JavaEvaluator.Completion c = java.complete("System.out.printl", 17);
        assertThat(c.matches()).contains("println(");
        assertThat(c.start()).isEqualTo(11);
        assertThat(java.complete("int y = myVar", 13).matches()).contains("myVariable");
    }

    @Test
    void inspectFindsSignaturesAtTheEndOfAWord() {
        assertThat(java.inspect("Math.max", 8))
                .hasValueSatisfying(text -> assertThat(text).contains("max("));
        assertThat(java.inspect("", 0)).isEmpty();
    }

    @Test
    void completionsCarryTheirKindAndSignatureMethodsBeforeConstants() {
        JavaEvaluator.Completion c = java.complete("org.bighead.pipeline.data.Listings.", 35);
        List<JavaEvaluator.Completion.Match> typed = c.typed();
        // Listings has 25 constants and 3 methods: a person completing it wants generate( first
        assertThat(typed.get(0).text()).isEqualTo("generate(");
        assertThat(typed.get(0).type()).isEqualTo("method");
        assertThat(typed.get(0).signature()).isEqualTo("tech.tablesaw.api.Table generate(int rows, long seed)");
        assertThat(typed.subList(0, 3)).allSatisfy(m -> assertThat(m.type()).isEqualTo("method"));
        assertThat(typed)
                .filteredOn(m -> m.text().equals("ACCOMMODATES"))
                .singleElement()
                .satisfies(m -> assertThat(m.type()).isEqualTo("field"))
                .satisfies(m -> assertThat(m.signature()).isEqualTo("String"));
        List<String> constants = typed.stream()
                .filter(m -> m.type().equals("field"))
                .map(JavaEvaluator.Completion.Match::text)
                .toList();
        assertThat(constants).isSorted().hasSizeGreaterThan(20);

        value("int counted = 3;");
        assertThat(java.complete("int y = count", 13).typed())
                .contains(new JavaEvaluator.Completion.Match("counted", "variable", "int", true));
        value(
                "class Shop { static final int LIMIT = 1; static int stock(String item) { return 0; } static class Item {} }");
        assertThat(java.complete("Shop.", 5).typed())
                .extracting(JavaEvaluator.Completion.Match::text, JavaEvaluator.Completion.Match::type)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("stock(", "method"),
                        org.assertj.core.groups.Tuple.tuple("LIMIT", "field"),
                        org.assertj.core.groups.Tuple.tuple("Item", "class"));
    }

    @Test
    void inspectShowsTheJavadocOfBigheadsOwnApiFromItsSources() {
        assertThat(java.inspect("org.bighead.pipeline.data.Listings.generate", 43))
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith(
                                "tech.tablesaw.api.Table org.bighead.pipeline.data.Listings.generate(int rows, long seed)\n")
                        .contains("Generates rows listings, identical for the same (rows, seed) on any JVM."));
    }

    @Test
    void inspectShowsTheJdksJavadocWhenTheJdkHasItsSources() {
        Path home = Path.of(System.getProperty("java.home"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isReadable(home.resolve("lib/src.zip")),
                "this JDK has no lib/src.zip (Debian: openjdk-NN-source)");
        assertThat(java.inspect("Math.max", 8))
                .hasValueSatisfying(text -> assertThat(text).contains("Returns the greater of two"));
    }

    @Test
    void aStackShowsTheCellLinesFirstHidesTheKernelAndCollapsesEachLibrary() {
        Outcome outcome = cell("var t = tech.tablesaw.api.Table.create(\"t\");\nint n = Integer.parseInt(\"x\");", 1);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Threw.class, t -> {
            assertThat(t.exceptionClass()).isEqualTo("java.lang.NumberFormatException");
            assertThat(t.stack().get(0)).isEqualTo("    at line 2: int n = Integer.parseInt(\"x\");");
            // Integer.parseInt -> parseInt -> NumberFormatException.forInputString: one line for the JDK
            assertThat(t.stack().get(1))
                    .matches("    … \\d frames in the JDK \\(from (java.base/)?java.lang.Integer.parseInt\\(.*\\)\\)");
            assertThat(t.stack()).hasSize(2);
        });
        value("int parse(String s) {\n    return Integer.parseInt(s);\n}");
        Outcome wrapped = cell(
                "try {\n    parse(\"x\");\n} catch (NumberFormatException e) {\n"
                        + "    throw new IllegalArgumentException(\"not a number\", e);\n}",
                1);
        assertThat(wrapped).isInstanceOfSatisfying(Outcome.Threw.class, t -> {
            assertThat(t.stack().get(0))
                    .isEqualTo("    at line 4: throw new IllegalArgumentException(\"not a number\", e);");
            assertThat(t.stack()).contains("Caused by: java.lang.NumberFormatException: For input string: \"x\"");
            assertThat(t.stack()).contains("    at parse (an earlier cell, line 2): return Integer.parseInt(s);");
            assertThat(t.stack())
                    .noneMatch(line -> line.contains("do_it")
                            || line.contains("jdk.jshell")
                            || line.contains("org.bighead.kernel")
                            || line.contains("reflect")
                            || line.contains("REPL."));
        });
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertThat(java.isComplete("int a = 1;")).isEqualTo("complete");
        assertThat(java.isComplete("for (int i = 0; i < 3; i++) {")).isEqualTo("incomplete");
        assertThat(java.isComplete("}")).isEqualTo("invalid");
    }

    @Test
    void everyLibraryOfTheKernelCompilesInACellNotOnlyTheBigheadApi() {
        // javac sees the kernel's jars through ClassPathIndex: Jackson is one of them, multi-release at that
        assertThat(
                        value(
                                "new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put(\"a\", 1).toString()"))
                .isEqualTo("{\"a\":1}");
        assertThat(cell("new no.such.pkg.Thing()", 1)).isInstanceOf(Outcome.CompileError.class);
    }

    @Test
    void aJarAddedLaterIsSeenBesideTheKernelsOwn(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(
                Files.createDirectories(dir.resolve("src/demo")).resolve("Hello.java"),
                "package demo; public class Hello { public String hi() { return \"hi from a jar\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status =
                ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(status).isZero();
        Path jar = dir.resolve("hello.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Hello.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Hello.class")));
            out.closeEntry();
        }
        java.addToClasspath(jar.toString());
        assertThat(value("new demo.Hello().hi()")).isEqualTo("hi from a jar");
        assertThat(value("List.of(1).size()")).isEqualTo(1); // the kernel's own classes are still there
    }

    @Test
    void inspectFindsTheJavadocInASourcesFolderBesideTheJarAsTheEnvironmentImagesKeepIt(@TempDir Path dir)
            throws Exception {
        String code = "package sourced;\n"
                + "public class Greeter {\n"
                + "    /** Greets {@code name} the way the images' notebooks do. */\n"
                + "    public static String greet(String name) { return \"hello \" + name; }\n"
                + "}\n";
        Path source = Files.writeString(
                Files.createDirectories(dir.resolve("src/sourced")).resolve("Greeter.java"), code);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", classes.toString(), source.toString()))
                .isZero();
        Path lib = Files.createDirectories(dir.resolve("lib"));
        writeJar(
                lib.resolve("greeter-1.0.jar"),
                "sourced/Greeter.class",
                Files.readAllBytes(classes.resolve("sourced/Greeter.class")));
        writeJar(
                Files.createDirectories(lib.resolve("sources")).resolve("greeter-1.0-sources.jar"),
                "sourced/Greeter.java",
                code.getBytes(StandardCharsets.UTF_8));
        java.addToClasspath(lib.resolve("greeter-1.0.jar").toString());

        assertThat(java.inspect("sourced.Greeter.greet", 21))
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith("String sourced.Greeter.greet(String")
                        .contains("Greets name the way the images' notebooks do."));
    }

    private static void writeJar(Path jar, String entry, byte[] bytes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes);
            out.closeEntry();
        }
    }
}
