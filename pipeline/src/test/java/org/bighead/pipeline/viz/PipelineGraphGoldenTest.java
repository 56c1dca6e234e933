package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Split;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.model.Mlp;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Drop;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Scale;
import org.bighead.pipeline.stages.Select;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/**
 * Pins the SVG of the reference pipelines byte for byte: a change to the drawing shows up here as a diff of the
 * golden file in {@code src/test/resources/org/bighead/pipeline/viz/golden/}. After an intended change, rewrite them
 * with {@code mvn -pl pipeline -am verify -Dtest=PipelineGraphGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true} and review the diff.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PipelineGraphGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/org/bighead/pipeline/viz/golden");
    private static Table train;

    private static synchronized Table train() {
        if (train == null) {
            train = Split.random(Listings.generate(600, 11), 0.8, 11).train();
        }
        return train;
    }

    /** People per bedroom: a stage a user wrote, with a type name of its own. */
    static final class Crowding implements Stage {
        @Override
        public String name() {
            return "crowding";
        }

        @Override
        public FittedStage fit(Frame data) {
            return new FittedCrowding(1.5);
        }
    }

    /** The learned ratio is the stage's only parameter. */
    record FittedCrowding(double medianRatio) implements FittedStage {
        @Override
        public String type() {
            return "example.crowding";
        }

        @Override
        public List<String> inputs() {
            return List.of("accommodates", "bedrooms");
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of(ColumnDef.numeric("crowding"));
        }

        @Override
        public String summary() {
            return "median ratio " + medianRatio;
        }

        @Override
        public RowTransform compile(Layout layout) {
            int out = layout.numeric("crowding");
            return row -> row.num[out] = medianRatio;
        }
    }

    static Map<String, Supplier<PipelineGraph>> pipelines() {
        Map<String, Supplier<PipelineGraph>> all = new LinkedHashMap<>();
        all.put("hand-built-housing", PipelineGraphTest::housing);
        all.put("price-unfitted", () -> ListingsPipelines.price().graph());
        all.put(
                "price-fitted",
                () -> Pipeline.of(ListingsPipelines.preprocessingThen(
                                XGBoost.regressor().rounds(5).maxDepth(3).threads(1)))
                        .target(Listings.PRICE)
                        .fit(train())
                        .graph());
        all.put(
                "booked-classifier-fitted",
                () -> Pipeline.of(ListingsPipelines.preprocessingThen(
                                XGBoost.classifier().rounds(5).maxDepth(3).threads(1)))
                        .target(Listings.BOOKED)
                        .fit(train())
                        .graph());
        all.put(
                "mlp-unfitted",
                () -> Pipeline.of(ListingsPipelines.preprocessingThen(
                                Mlp.regressor().hidden(8).epochs(2).seed(3)))
                        .target(Listings.PRICE)
                        .graph());
        all.put(
                "mlp-fitted",
                () -> Pipeline.of(
                                Select.of(
                                        Listings.ACCOMMODATES,
                                        Listings.BEDROOMS,
                                        Listings.BATHROOMS,
                                        Listings.REVIEW_SCORE,
                                        Listings.ROOM_TYPE),
                                Impute.median(Listings.BEDROOMS, Listings.BATHROOMS, Listings.REVIEW_SCORE),
                                OneHot.of(Listings.ROOM_TYPE),
                                Scale.standard(Listings.ACCOMMODATES, Listings.REVIEW_SCORE),
                                Mlp.regressor().hidden(8).epochs(2).seed(3))
                        .target(Listings.PRICE)
                        .fit(train())
                        .graph());
        all.put(
                "linear-fitted",
                () -> Pipeline.of(
                                Select.of(Listings.ACCOMMODATES, Listings.BEDROOMS, Listings.BATHROOMS),
                                Impute.median(Listings.BEDROOMS, Listings.BATHROOMS),
                                Linear.regressor())
                        .target(Listings.PRICE)
                        .fit(train())
                        .graph());
        all.put(
                "custom-stage-unfitted",
                () -> Pipeline.of(
                                Select.of(Listings.FEATURES),
                                new Crowding(),
                                OneHot.of(Listings.ROOM_TYPE, Listings.NEIGHBOURHOOD),
                                Drop.of(Listings.AMENITIES),
                                XGBoost.regressor().rounds(5))
                        .target(Listings.PRICE)
                        .graph());
        all.put(
                "custom-stage-fitted",
                () -> Pipeline.of(
                                Select.of(Listings.FEATURES),
                                new Crowding(),
                                OneHot.of(Listings.ROOM_TYPE, Listings.NEIGHBOURHOOD),
                                Drop.of(Listings.AMENITIES),
                                XGBoost.regressor().rounds(5).maxDepth(3).threads(1))
                        .target(Listings.PRICE)
                        .fit(train())
                        .graph());
        all.put("empty", () -> new PipelineGraph(List.of(), null, List.of()));
        return all;
    }

    static List<String> names() {
        return List.copyOf(pipelines().keySet());
    }

    @ParameterizedTest
    @MethodSource("names")
    void the_svg_of_a_reference_pipeline_is_unchanged(String name) throws IOException {
        String svg = pipelines().get(name).get().toSvg();
        Path file = GOLDEN.resolve(name + ".svg");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = Files.newInputStream(file)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(svg).as("SVG of %s against %s", name, file).isEqualTo(expected);
    }
}
