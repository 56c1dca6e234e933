package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.model.Linear;
import org.bighead.pipeline.model.Mlp;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.Log;
import org.bighead.pipeline.stages.OneHot;
import org.bighead.pipeline.stages.Scale;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.stages.TextHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** One artifact, one answer: a row scored alone, in a table, or after save and load gives the same bits. */
class ConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void everyHeldOutRowPredictsTheSameAloneAsInTheBatch() {
        FittedPipeline model = Fixtures.price();
        Table test = Fixtures.listings().test();
        double[] batch = model.score(test)[0];
        for (int i = 0; i < test.rowCount(); i++) {
            double single = model.predictValue(Fixtures.row(test, i));
            assertThat(Double.doubleToLongBits(single)).as("row %d", i).isEqualTo(Double.doubleToLongBits(batch[i]));
        }
    }

    @Test
    void aSavedAndReloadedBundlePredictsExactlyTheSame() throws Exception {
        FittedPipeline model = Fixtures.price();
        Table test = Fixtures.listings().test();
        Path file = dir.resolve("price.bighead");
        model.save(file);
        FittedPipeline reloaded = FittedPipeline.load(file);
        assertThat(reloaded.score(test)[0]).isEqualTo(model.score(test)[0]);
        assertThat(reloaded.inputSchema()).isEqualTo(model.inputSchema());
        assertThat(reloaded.metrics()).isEqualTo(model.metrics());
    }

    @Test
    void batchAndRowAgreeForAClassifierWithProbabilities() throws Exception {
        FittedPipeline model = Pipeline.of(
                        Select.of(Listings.FEATURES),
                        OneHot.of("room_type", "neighbourhood"),
                        TextHash.of("amenities", 32),
                        XGBoost.classifier().rounds(40).maxDepth(4))
                .target("booked")
                .fit(Fixtures.listings().train());
        Table test = Fixtures.listings().test();
        double[][] batch = model.score(test);
        for (int i = 0; i < test.rowCount(); i++) {
            Prediction p = model.predict(Fixtures.row(test, i));
            assertThat(p.probability("true")).isEqualTo(batch[2][i]);
            assertThat(p.probability("false")).isEqualTo(batch[1][i]);
            assertThat(p.label()).isEqualTo(model.classes().get((int) batch[0][i]));
        }
        FittedPipeline reloaded = reload(model);
        assertThat(reloaded.score(test)).isDeepEqualTo(batch);
        assertThat(model.evaluate(test).get("roc_auc")).isGreaterThan(0.7);
    }

    @Test
    void linearAndMlpModelsAreJustAsConsistent() throws Exception {
        Step[] preprocessing = {
            Select.of(Listings.FEATURES),
            Impute.median("bedrooms", "bathrooms", "review_score"),
            Impute.constant(0, "host_is_superhost"),
            Log.of("number_of_reviews", "minimum_nights"),
            OneHot.of("room_type", "neighbourhood"),
            Scale.standard("accommodates"),
            TextHash.of("amenities", 16),
        };
        Table test = Fixtures.listings().test();
        for (Model model :
                new Model[] {Linear.regressor(), Mlp.regressor().epochs(3).hidden(16)}) {
            Step[] steps = java.util.Arrays.copyOf(preprocessing, preprocessing.length + 1);
            steps[preprocessing.length] = model;
            FittedPipeline fitted =
                    Pipeline.of(steps).target("price").fit(Fixtures.listings().train());
            double[] batch = fitted.score(test)[0];
            for (int i = 0; i < test.rowCount(); i++) {
                assertThat(fitted.predictValue(Fixtures.row(test, i)))
                        .as("%s row %d", model.name(), i)
                        .isEqualTo(batch[i]);
            }
            assertThat(reload(fitted).score(test)[0]).as(model.name()).isEqualTo(batch);
        }
    }

    @Test
    void rowsFromJsonOrCsvTextScoreLikeTypedValues() {
        FittedPipeline model = Fixtures.price();
        Table test = Fixtures.listings().test();
        Map<String, Object> typed = Fixtures.row(test, 3);
        Map<String, Object> text = new java.util.HashMap<>();
        typed.forEach((k, v) -> text.put(k, String.valueOf(v)));
        assertThat(model.predictValue(text)).isEqualTo(model.predictValue(typed));
    }

    /** How a notebook might type its rows. */
    record Listing(
            String neighbourhood,
            String room_type,
            int accommodates,
            Integer bedrooms,
            Double bathrooms,
            String amenities,
            Double review_score,
            int number_of_reviews,
            int minimum_nights,
            Boolean host_is_superhost,
            boolean instant_bookable) {}

    @Test
    void aTypedRecordRowScoresLikeTheSameMap() {
        Listing listing = new Listing(
                "Mission", "Entire home/apt", 4, 2, 1.5, "Wifi, Hot tub, Kitchen", 4.9, 120, 2, true, false);
        Map<String, Object> map = Rows.of(listing);
        assertThat(map).containsEntry("room_type", "Entire home/apt").containsEntry("bedrooms", 2);
        assertThat(Fixtures.price().predict(listing)).isEqualTo(Fixtures.price().predict(map));
    }

    @Test
    void assembleNamesTheModelFeaturesExplicitly() {
        FittedPipeline model = Pipeline.of(
                        OneHot.of("room_type"),
                        TextHash.of("amenities", 8),
                        org.bighead.pipeline.stages.Assemble.features("accommodates", "room_type=*", "amenities#*"),
                        XGBoost.regressor().rounds(5))
                .target("price")
                .fit(Fixtures.listings().train());
        assertThat(model.model().features()).hasSize(1 + 4 + 8).startsWith("accommodates");
        assertThat(model.inputSchema().names()).containsExactly("room_type", "accommodates", "amenities");
    }

    private FittedPipeline reload(FittedPipeline model) throws Exception {
        Path file = dir.resolve(System.nanoTime() + ".bighead");
        model.save(file);
        return FittedPipeline.load(file);
    }
}
