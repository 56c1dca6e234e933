package org.bighead.pipeline.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Fixtures;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StageTypes;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Drop;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Select;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * A stage written in a notebook cell travels inside the bundle: saved with its bytecode (and the notebook classes it
 * needs), loaded elsewhere only when trusted, in a class loader of its own, and described without running it.
 */
class CarriedCodeTest {
    // Compiled the way JShell wraps cells: each declaration nested in a REPL.$JShell$N class. The stage calls a
    // helper from another cell, so the bundle must carry that cell's class too.
    private static final String HELPER_CELL = """
            package REPL;
            public class $JShell$5 {
                public static double perRoom(double guests, double rooms) { return guests / Math.max(1, rooms); }
            }
            """;
    private static final String STAGE_CELL = """
            package REPL;
            import java.util.List;
            import org.bighead.pipeline.*;
            public class $JShell$7 {
                public record FittedCrowding(double cap) implements FittedStage {
                    public String type() { return "crowding"; }
                    public List<String> inputs() { return List.of("accommodates", "bedrooms"); }
                    public List<ColumnDef> outputs() { return List.of(ColumnDef.numeric("crowding")); }
                    public String summary() { return "guests per bedroom, capped at " + cap; }
                    public RowTransform compile(Layout layout) {
                        int g = layout.numeric("accommodates"), b = layout.numeric("bedrooms");
                        int out = layout.numeric("crowding");
                        return row -> row.num[out] = Math.min(cap, $JShell$5.perRoom(row.num[g], row.num[b]));
                    }
                }
            }
            """;
    private static final String STAGE_CLASS = "REPL.$JShell$7$FittedCrowding";

    private static Map<String, byte[]> notebookBytecode;
    private static FittedPipeline model;
    private static byte[] bundle;

    /** A stage whose fit returns the notebook's fitted record. */
    private record Crowding(Class<?> fitted) implements Stage {
        @Override
        public String name() {
            return "crowding";
        }

        @Override
        public FittedStage fit(Frame data) {
            try {
                return (FittedStage) fitted.getConstructor(double.class).newInstance(4.0);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void trainWithANotebookStage() throws Exception {
        notebookBytecode = compile(Map.of("REPL.$JShell$5", HELPER_CELL, "REPL.$JShell$7", STAGE_CELL));
        ClassLoader cells = new ClassLoader("cells", CarriedCodeTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = notebookBytecode.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        NotebookCode.install(cells, notebookBytecode::get);
        Class<? extends FittedStage> fitted = (Class<? extends FittedStage>) cells.loadClass(STAGE_CLASS);
        StageTypes.register("crowding", fitted);
        model = Pipeline.of(
                        Select.of(Listings.FEATURES),
                        new Crowding(fitted),
                        OneHot.of("room_type", "neighbourhood"),
                        Drop.of("amenities"),
                        XGBoost.regressor().rounds(20))
                .target("price")
                .fit(Fixtures.listings().train());
        bundle = Bundle.toBytes(model);
        // from here on this JVM reads the bundle as another would: the notebook's classes are not its own
        NotebookCode.install(null, name -> null);
    }

    @AfterAll
    static void uninstall() {
        NotebookCode.install(null, name -> null);
    }

    @Test
    void theBundleCarriesTheStageAndTheCellsItNeeds() throws IOException {
        Map<String, byte[]> entries = unzip(bundle);
        assertThat(entries)
                .containsKeys("code.json", "code/REPL/$JShell$7$FittedCrowding.class", "code/REPL/$JShell$5.class");
        assertThat(new String(entries.get("code.json"), StandardCharsets.UTF_8))
                .contains(STAGE_CLASS, "REPL.$JShell$5");
        // the bytes as compiled, not as the kernel may have instrumented them
        assertThat(entries.get("code/REPL/$JShell$5.class")).isEqualTo(notebookBytecode.get("REPL.$JShell$5"));
    }

    @Test
    void aBundleWithCodeIsRefusedUnlessTrusted() {
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(bundle), "crowding.bighead"))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("crowding.bighead carries code")
                .hasMessageContaining("FittedCrowding")
                .hasMessageContaining("--trust-code");
    }

    @Test
    void trustedItScoresLikeTheNotebookWithClassesOfItsOwn() throws IOException {
        FittedPipeline loaded = Bundle.read(new ByteArrayInputStream(bundle), "crowding.bighead", BundleCode.TRUST);
        Table test = Fixtures.listings().test();
        assertThat(loaded.score(test)[0]).isEqualTo(model.score(test)[0]);
        Class<?> stageClass = loaded.stage("crowding").getClass();
        assertThat(stageClass.getName()).isEqualTo(STAGE_CLASS);
        assertThat(stageClass.getClassLoader()).isInstanceOf(BundleClassLoader.class);
        // each read gets its own loader: a swapped-out version's classes go with it
        FittedPipeline again =
                Bundle.read(new ByteArrayInputStream(bundle), "crowding.bighead", BundleCode.trustCode());
        assertThat(again.stage("crowding").getClass()).isNotSameAs(stageClass);
    }

    @Test
    void describedItRunsNothingButKeepsItsShape() throws IOException {
        FittedPipeline described =
                Bundle.read(new ByteArrayInputStream(bundle), "crowding.bighead", BundleCode.DESCRIBE);
        FittedStage stage = described.stage("crowding");
        assertThat(stage).isInstanceOf(CarriedStage.class);
        assertThat(stage.inputs()).containsExactly("accommodates", "bedrooms");
        assertThat(stage.summary()).isEqualTo("guests per bedroom, capped at 4.0");
        assertThat(described.graph().toSvg()).contains("crowding");
        assertThat(described.inputSchema()).isEqualTo(model.inputSchema());
        assertThatThrownBy(described::scorer)
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("trusting its code");
    }

    @Test
    void aTamperedCodeEntryFailsTheManifest() throws IOException {
        Map<String, byte[]> entries = unzip(bundle);
        byte[] forged = entries.get("code/REPL/$JShell$5.class").clone();
        forged[forged.length - 1] ^= 1;
        entries.put("code/REPL/$JShell$5.class", forged);
        assertThatThrownBy(() -> Bundle.read(new ByteArrayInputStream(zip(entries)), "x", BundleCode.TRUST))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("'code/REPL/$JShell$5.class' does not match its SHA-256");
    }

    @Test
    void withoutANotebookNothingIsCarried() throws IOException {
        assertThat(unzip(Bundle.toBytes(Fixtures.price()))).doesNotContainKey("code.json");
    }

    private static Map<String, byte[]> compile(Map<String, String> sources) {
        var compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                    Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> (JavaFileObject)
                        new SimpleJavaFileObject(
                                URI.create("string:///" + e.getKey().replace('.', '/') + ".java"),
                                JavaFileObject.Kind.SOURCE) {
                            @Override
                            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                                return e.getValue();
                            }
                        })
                .toList();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17");
        if (!compiler.getTask(null, files, null, options, null, units).call()) {
            throw new IllegalStateException("the test's cells did not compile");
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes.toByteArray()));
        return classes;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
