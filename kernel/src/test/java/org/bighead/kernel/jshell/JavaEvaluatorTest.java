package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

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
}
