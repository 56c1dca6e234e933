package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A stage written by a user fits, scores, saves and loads like a built-in one. */
class CustomStageTest {

    @TempDir
    Path dir;

    /** People per bedroom, with the training median for listings without bedrooms. */
    static final class Crowding implements Stage {
        @Override
        public String name() {
            return "crowding";
        }

        @Override
        public FittedStage fit(Frame data) {
            double[] people = data.numeric("accommodates");
            double[] bedrooms = data.numeric("bedrooms");
            double[] ratios = new double[people.length];
            int n = 0;
            for (int i = 0; i < people.length; i++) {
                if (!Double.isNaN(bedrooms[i])) ratios[n++] = people[i] / Math.max(1, bedrooms[i]);
            }
            java.util.Arrays.sort(ratios, 0, n);
            return new FittedCrowding(ratios[n / 2]);
        }
    }

    /** The learned median ratio is the stage's only parameter. */
    public record FittedCrowding(double medianRatio) implements FittedStage {
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
        public boolean fillsMissing(String column) {
            return column.equals("bedrooms");
        }

        @Override
        public RowTransform compile(Layout layout) {
            int people = layout.numeric("accommodates");
            int bedrooms = layout.numeric("bedrooms");
            int out = layout.numeric("crowding");
            return row -> row.num[out] =
                    Double.isNaN(row.num[bedrooms]) ? medianRatio : row.num[people] / Math.max(1, row.num[bedrooms]);
        }
    }

    /** A stage whose fitted type nobody registered. */
    static final class Unregistered implements Stage {
        @Override
        public String name() {
            return "unregistered";
        }

        @Override
        public FittedStage fit(Frame data) {
            return new FittedUnregistered(List.of("accommodates"));
        }
    }

    record FittedUnregistered(List<String> inputs) implements FittedStage {
        @Override
        public String type() {
            return "nobody-registered-me";
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of();
        }

        @Override
        public RowTransform compile(Layout layout) {
            return row -> {};
        }
    }

    @Test
    void aUserStageTrainsScoresSavesAndLoadsLikeABuiltInOne() throws Exception {
        StageTypes.register("example.crowding", FittedCrowding.class);
        Table train = Fixtures.listings().train();
        Table test = Fixtures.listings().test();
        FittedPipeline model = Pipeline.of(
                        Select.of(Listings.FEATURES),
                        new Crowding(),
                        OneHot.of("room_type", "neighbourhood"),
                        org.bighead.pipeline.stages.Drop.of("amenities"),
                        XGBoost.regressor().rounds(30))
                .target("price")
                .fit(train);

        assertThat(model.stage("crowding")).isInstanceOf(FittedCrowding.class);
        assertThat(model.model().features()).contains("crowding");
        assertThat(model.inputSchema().field("bedrooms").orElseThrow().nullable())
                .isTrue();

        Path file = dir.resolve("crowding.bighead");
        model.save(file);
        FittedPipeline reloaded = FittedPipeline.load(file);
        assertThat(reloaded.stage("crowding")).isEqualTo(model.stage("crowding"));
        assertThat(reloaded.score(test)[0]).isEqualTo(model.score(test)[0]);
        assertThat(model.graph().toSvg()).contains("crowding");
    }

    @Test
    void builtInTypeNamesCannotBeTakenOver() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StageTypes.register("impute", FittedCrowding.class))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("is built in");
    }
}
