package org.bighead.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Exploring a fitted pipeline: its graph, and the chosen stage's parameters and sample, redrawn on each choice. */
class PipelineViewTest {
    private static final Table DATA = Listings.generate(500, 3);
    private static final FittedPipeline MODEL = Pipeline.of(ListingsPipelines.preprocessingThen(
                    XGBoost.regressor().rounds(5).maxDepth(3).threads(1)))
            .target(Listings.PRICE)
            .fit(DATA);

    private FakeFrontend browser;

    @BeforeEach
    void connect() {
        browser = FakeFrontend.connect();
    }

    @AfterEach
    void disconnect() {
        Widgets.closeAll();
        Widgets.disconnect();
    }

    private void choose(PipelineView view, int index) {
        browser.fromBrowser(view.stages().modelId(), """
                {"method": "update", "state": {"index": %d}, "buffer_paths": []}""".formatted(index));
    }

    @Test
    void theViewShowsTheGraphAButtonPerStageAndTheFirstStagesParameters() {
        PipelineView view = PipelineView.of(MODEL);

        assertThat(view.graph().value()).contains(MODEL.graph().toSvg());
        assertThat(view.stages().options())
                .extracting(Option::label)
                .containsExactly("select", "impute", "one-hot", "scale", "text-hash", "xgboost");
        assertThat(view.selected()).isEqualTo("select");
        assertThat(view.parameters().value())
                .contains("select · " + MODEL.stage("select").type());
        assertThat(view.beforeAfter().value()).isEmpty();
        assertThat(view.view().children()).hasSize(3);
    }

    @Test
    void choosingAStageInTheBrowserShowsItsParametersAndSample() {
        PipelineView view = PipelineView.of(MODEL, DATA);
        view.mimeBundle(); // displayed
        String sampleBefore = view.beforeAfter().value();

        choose(view, 1);

        assertThat(view.selected()).isEqualTo("impute");
        assertThat(view.parameters().value())
                .contains("impute · impute", MODEL.stage("impute").summary(), "numbers.bedrooms", "median");
        assertThat(view.beforeAfter().value())
                .contains("bh-before-after")
                .contains("bedrooms")
                .isNotEqualTo(sampleBefore)
                .isEqualTo(MODEL.beforeAfter("impute", DATA, 5));
        view.parameters().flush();
        assertThat(browser.messages(view.parameters().modelId(), "update"))
                .last()
                .satisfies(m -> assertThat(m.data().path("state").path("value").asText())
                        .contains("numbers.bedrooms"));
    }

    @Test
    void theModelStageShowsItsSettingsAndTheSamplesPredictions() {
        PipelineView view = PipelineView.of(MODEL, DATA);

        view.select("xgboost");

        assertThat(view.parameters().value())
                .contains("5 trees, depth 3", "settings.max_depth", "<details")
                .containsPattern("\\[accommodates, bedrooms, bathrooms, [^<]*, … \\(\\d+ items\\)]");
        assertThat(view.beforeAfter().value())
                .contains("<b>predictions</b>", ">price<", ">prediction<", "bh-before-after");
    }

    @Test
    void everyStageBoxOfTheGraphPressesItsButtonWhenClicked() {
        PipelineView view = PipelineView.of(MODEL);

        String graph = view.graph().value();
        for (String stage : MODEL.stages().keySet()) {
            assertThat(graph).contains("<g data-stage=\"" + stage + "\">");
        }
        // the click finds the stage's ToggleButtons button by its data-value (ipywidgets 8) and presses it
        assertThat(graph)
                .contains("onclick=\"", "closest('[data-stage]')", ".widget-toggle-buttons button[data-value=")
                .contains("encodeURIComponent(g.getAttribute('data-stage'))")
                .contains("[data-stage]{cursor:pointer}");
    }

    @Test
    void choosingAStageThatDoesNotExistSaysWhichExist() {
        PipelineView view = PipelineView.of(MODEL);

        assertThatThrownBy(() -> view.select("scaler"))
                .hasMessage("no stage 'scaler'; stages: "
                        + List.of("select", "impute", "one-hot", "scale", "text-hash", "xgboost"));
    }
}
