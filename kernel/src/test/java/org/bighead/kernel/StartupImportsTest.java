package org.bighead.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bighead.kernel.jshell.JavaEvaluator;
import org.bighead.kernel.jshell.Outcome;
import org.bighead.widgets.DOMWidget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A notebook's first cell: the standard widget controls are there by name, next to the pipeline's own names. */
class StartupImportsTest {
    static JavaEvaluator java;

    @BeforeAll
    static void start() {
        java = new JavaEvaluator(Main.STARTUP);
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    private static Object value(String code) {
        java.startCell();
        Outcome outcome = java.eval(code, 1);
        assertThat(outcome).isInstanceOf(Outcome.Ran.class);
        return ((Outcome.Ran) outcome).value();
    }

    @Test
    void theStandardControlsNeedNoImport() {
        assertThat(value("new Button(\"Train\").description()")).isEqualTo("Train");
        assertThat(value("Dropdown.of(\"cpu\", \"gpu\").getClass().getSimpleName()"))
                .isEqualTo("Dropdown");
        assertThat(value("new VBox(new HBox(new IntSlider(), new Checkbox()), new Text(), new Output()) != null"))
                .isEqualTo(true);
    }

    @Test
    void thePipelinesSelectAndLayoutKeepTheirNames() {
        assertThat(value("Select.class.getName()")).isEqualTo("org.bighead.pipeline.stages.Select");
        assertThat(value("Layout.class.getName()")).isEqualTo("org.bighead.pipeline.Layout");
        assertThat(value("new Button().layout().getClass().getName()")).isEqualTo("org.bighead.widgets.Layout");
    }

    @Test
    void aCellMayDeclareAClassNamedLikeAnImportedOne() {
        try (JavaEvaluator own = new JavaEvaluator(Main.STARTUP)) { // its own: the other tests need the imports
            // Select is imported by name (the pipeline's): javac would refuse every later cell, were it kept
            assertThat(own.eval("record Select(String column) {}", 1)).isInstanceOf(Outcome.Ran.class);
            assertThat(own.eval("new Select(\"price\").column()", 1)).isEqualTo(new Outcome.Ran(true, "price"));
            assertThat(own.eval("record Label(String text) {}", 1)).isInstanceOf(Outcome.Ran.class);
            assertThat(own.eval("new Label(\"mine\").text() + new Button(\"Go\").description()", 1))
                    .isEqualTo(new Outcome.Ran(true, "mineGo"));
        }
    }

    @Test
    void everyPublicControlOfTheWidgetPackageIsReachedByItsSimpleNameButTheClashingSelect() throws Exception {
        for (String name : controls()) {
            Object resolved = value(name + ".class.getName()");
            assertThat(resolved)
                    .as(name)
                    .isEqualTo(
                            (name.equals("Select") ? "org.bighead.pipeline.stages." : "org.bighead.widgets.") + name);
        }
    }

    /** The public, concrete DOM widgets of org.bighead.widgets, read from its jar or class folder. */
    private static List<String> controls() throws IOException, URISyntaxException, ClassNotFoundException {
        Path where = Path.of(DOMWidget.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> names;
        if (Files.isDirectory(where)) {
            names = classNames(where.resolve("org/bighead/widgets"));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(where, Map.of())) {
                names = classNames(jar.getPath("org/bighead/widgets"));
            }
        }
        List<String> controls = new java.util.ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName("org.bighead.widgets." + name);
            int modifiers = type.getModifiers();
            if (DOMWidget.class.isAssignableFrom(type)
                    && Modifier.isPublic(modifiers)
                    && !Modifier.isAbstract(modifiers)) {
                controls.add(name);
            }
        }
        assertThat(controls).contains("Button", "Dropdown", "IntSlider", "Output", "Select");
        return controls;
    }

    private static List<String> classNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .toList();
        }
    }
}
