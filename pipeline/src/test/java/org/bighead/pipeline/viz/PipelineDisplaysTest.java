package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import org.bighead.pipeline.stages.Drop;
import org.bighead.pipeline.stages.Impute;
import org.bighead.pipeline.stages.Select;
import org.bighead.pipeline.viz.PipelineGraph.Node;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What a notebook shows for a pipeline before and after fitting, and for one of its fitted stages. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PipelineDisplaysTest {
    private static final FittedPipeline FITTED = Pipeline.of(ListingsPipelines.preprocessingThen(
                    XGBoost.regressor().rounds(5).maxDepth(3).threads(1)))
            .target(Listings.PRICE)
            .fit(Listings.generate(400, 5));

    @Test
    void an_unfitted_pipeline_shows_the_columns_its_stages_name_and_their_settings() {
        PipelineGraph g = ListingsPipelines.price().graph();

        assertThat(g.inputs()).containsExactlyElementsOf(Listings.FEATURES);
        Node impute = g.stages().get(1);
        assertThat(impute.inputs()).containsExactly(Listings.BEDROOMS, Listings.BATHROOMS);
        assertThat(impute.outputs()).containsExactly(Listings.BEDROOMS, Listings.BATHROOMS);
        assertThat(impute.summary()).isEqualTo("median");
        assertThat(g.stages().get(2).outputs())
                .containsExactly(Listings.ROOM_TYPE + "=*", Listings.NEIGHBOURHOOD + "=*");
        assertThat(g.stages().get(4).summary()).isEqualTo("64 buckets");
        Node model = g.stages().get(5);
        assertThat(model.summary()).contains("regressor", "200 rounds", "max_depth 6");
        assertThat(model.inputs())
                .contains(Listings.BEDROOMS, Listings.ROOM_TYPE + "=*", Listings.AMENITIES + "#*")
                .doesNotContain(Listings.ROOM_TYPE, Listings.AMENITIES); // replaced by their encodings

        String svg = g.toSvg();
        assertThat(svg)
                .contains(Listings.FEATURES.size() + " input columns")
                .doesNotContain("· 1 input column")
                .doesNotContain(">1 → 1 column<")
                .doesNotContain(">1 feature<")
                .contains(">11 → 11 columns<", ">2 → 2 columns<", ">1 column → 1 family<")
                .contains(">8 features + 3 families<");
    }

    @Test
    void before_fitting_columns_no_step_names_reach_the_model_as_the_rest_of_the_table() {
        PipelineGraph g = Pipeline.of(Impute.mean("bedrooms"), Drop.of("host_id"), XGBoost.regressor())
                .target("price")
                .graph();

        assertThat(g.inputs()).containsExactly("bedrooms", "host_id", PipelineGraph.OTHER_COLUMNS);
        assertThat(g.stages().get(1).outputs()).containsExactly("bedrooms"); // Drop passes on what it keeps
        assertThat(g.stages().get(2).inputs()).containsExactly("bedrooms", PipelineGraph.OTHER_COLUMNS);
        assertThat(g.sourceOf(2, "bedrooms")).isEqualTo(1);
    }

    @Test
    void a_fitted_select_passes_on_the_columns_it_keeps_so_no_stage_is_a_dead_end() {
        PipelineGraph g = FITTED.graph();

        for (int i = 0; i < g.stages().size() - 1; i++) {
            int stage = i;
            boolean read = false;
            for (int j = i + 1; j < g.stages().size(); j++) {
                int later = j;
                read |= g.stages().get(j).inputs().stream().anyMatch(c -> g.sourceOf(later, c) == stage);
            }
            assertThat(read)
                    .as("stage %s feeds a later stage", g.stages().get(i).name())
                    .isTrue();
        }
        Node select = g.stages().get(0);
        assertThat(select.outputs()).isNotEmpty().containsAll(Listings.FEATURES);
        assertThat(g.toSvg()).doesNotContainPattern("→ 0 columns");
    }

    @Test
    void a_select_after_an_encoder_keeps_the_family_it_names() {
        PipelineGraph g = Pipeline.of(
                        org.bighead.pipeline.stages.OneHot.of("room_type"),
                        Select.of("room_type=*", "bedrooms"),
                        XGBoost.regressor())
                .target("price")
                .graph();

        assertThat(g.stages().get(1).outputs()).containsExactly("room_type=*", "bedrooms");
        assertThat(g.stages().get(2).inputs()).containsExactly("room_type=*", "bedrooms");
    }

    @Test
    void the_graph_scales_to_its_cell_and_names_the_stage_of_each_box() {
        String svg = FITTED.graph().toSvg();

        assertThat(svg)
                .containsPattern(
                        "<svg [^>]*viewBox=\"0 0 [0-9.]+ [0-9.]+\"[^>]* style=\"max-width:100%;" + "height:auto\"");
        for (String stage : FITTED.stages().keySet()) {
            assertThat(svg).contains("<g data-stage=\"" + stage + "\">");
        }
    }

    @Test
    void a_fitted_model_shows_itself_as_a_card_not_an_identity_hash() {
        FittedStage xgboost = FITTED.stage("xgboost");

        Map<String, Object> bundle = xgboost.mimeBundle();

        assertThat((String) bundle.get(Displayable.TEXT_HTML))
                .contains(xgboost.type(), "5 trees, depth 3", "max_depth")
                .contains(Listings.BEDROOMS);
        assertThat((String) bundle.get(Displayable.TEXT_PLAIN)).startsWith(xgboost.type() + " · 5 trees, depth 3");
        assertThat(xgboost.toString())
                .startsWith("XGBoostModel[" + xgboost.type())
                .doesNotContainPattern("@[0-9a-f]+$");
    }

    @Test
    void a_fitted_stage_shows_its_learned_parameters() {
        Map<String, Object> bundle = FITTED.stage("impute").mimeBundle();

        assertThat((String) bundle.get(Displayable.TEXT_HTML)).contains("impute", "numbers." + Listings.BEDROOMS);
        assertThat((String) bundle.get(Displayable.TEXT_PLAIN)).startsWith("impute");
    }
}
