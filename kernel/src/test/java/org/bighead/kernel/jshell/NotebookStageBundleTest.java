package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stage written in cells, fitted and saved in the kernel, travels in its bundle: the session reads its own code
 * back with its own classes, trusted or not; both predict what the notebook predicted.
 */
class NotebookStageBundleTest {
    static JavaEvaluator java;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        java = new JavaEvaluator(List.of(
                "import java.util.*;",
                "import java.nio.file.*;",
                "import org.bighead.pipeline.*;",
                "import org.bighead.pipeline.bundle.*;",
                "import org.bighead.pipeline.stages.*;",
                "import org.bighead.pipeline.model.*;",
                "import org.bighead.pipeline.data.*;"));
        dir = Files.createTempDirectory("notebook-stage");
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    private static Object value(String code) {
        java.startCell();
        Outcome outcome = java.eval(code, 1);
        assertThat(outcome).as(code).isInstanceOf(Outcome.Ran.class);
        return ((Outcome.Ran) outcome).value();
    }

    @Test
    void aCellWrittenStageTravelsInTheBundle() {
        value("double perRoom(double guests, double rooms) { return guests / Math.max(1, rooms); }");
        value("""
                record FittedCrowding(double cap) implements FittedStage {
                    public String type() { return "crowding"; }
                    public List<String> inputs() { return List.of("accommodates", "bedrooms"); }
                    public List<ColumnDef> outputs() { return List.of(ColumnDef.numeric("crowding")); }
                    public RowTransform compile(Layout layout) {
                        int g = layout.numeric("accommodates"), b = layout.numeric("bedrooms");
                        int out = layout.numeric("crowding");
                        return row -> row.num[out] = Math.min(cap, perRoom(row.num[g], row.num[b]));
                    }
                }""");
        value("""
                class Crowding implements Stage {
                    public String name() { return "crowding"; }
                    public FittedStage fit(Frame data) { return new FittedCrowding(4.0); }
                }""");
        value("StageTypes.register(\"crowding\", FittedCrowding.class);");
        value("var data = Listings.generate(2_000, 42);");
        value("""
                var model = Pipeline.of(Select.of(Listings.FEATURES), Impute.median("bedrooms"), new Crowding(),
                        OneHot.of("room_type", "neighbourhood"), Drop.of("amenities"), XGBoost.regressor().rounds(10))
                    .target("price").fit(data);""");
        String file = dir.resolve("crowding.bighead").toString().replace("\\", "\\\\");
        value("model.save(Path.of(\"" + file + "\"));");

        // this session's own code, byte for byte: read back with the session's classes, no trust needed
        value("var own = FittedPipeline.load(Path.of(\"" + file + "\"));");
        assertThat(value("own.stage(\"crowding\").getClass() == FittedCrowding.class"))
                .isEqualTo(true);
        assertThat(value("java.util.Arrays.equals(own.score(data)[0], model.score(data)[0])"))
                .isEqualTo(true);
        // trusted too (another JVM loads it in a class loader of its own: CarriedCodeTest, tests/test_export.py)
        value("var loaded = FittedPipeline.load(Path.of(\"" + file + "\"), BundleCode.TRUST);");
        assertThat(value("java.util.Arrays.equals(loaded.score(data)[0], model.score(data)[0])"))
                .isEqualTo(true);
    }
}
