package org.bighead.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.bighead.pipeline.viz.Displayable;
import org.junit.jupiter.api.Test;

/** Metrics on examples small enough to work out by hand (the same ones scikit-learn's documentation uses). */
class MetricsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void regressionMetricsOfFourPredictions() {
        // scikit-learn's example: mean_squared_error = 0.375, mean_absolute_error = 0.5, r2_score = 0.9486...
        Metrics m = Metrics.regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

        assertThat(m.task()).isEqualTo(Task.REGRESSION);
        assertThat(m.values()).containsOnlyKeys("rmse", "mae", "r2");
        assertThat(m.values().keySet()).containsExactly("rmse", "mae", "r2");
        assertThat(m.get("rmse")).isCloseTo(Math.sqrt(0.375), EXACT);
        assertThat(m.get("mae")).isCloseTo(0.5, EXACT);
        // total sum of squares around the mean 2.875 is 29.1875; residual sum 1.5
        assertThat(m.get("r2")).isCloseTo(1 - 1.5 / 29.1875, EXACT);
        assertThat(m.get("r2")).isCloseTo(0.9486081370449679, EXACT);
    }

    @Test
    void perfectPredictionsAndPredictingTheMean() {
        double[] actual = {1, 2, 3, 4};
        Metrics perfect = Metrics.regression(actual, actual.clone());
        assertThat(perfect.get("rmse")).isZero();
        assertThat(perfect.get("mae")).isZero();
        assertThat(perfect.get("r2")).isEqualTo(1.0);

        Metrics mean = Metrics.regression(actual, new double[] {2.5, 2.5, 2.5, 2.5});
        assertThat(mean.get("r2")).isCloseTo(0.0, EXACT);
        assertThat(mean.get("mae")).isCloseTo(1.0, EXACT);
        assertThat(mean.get("rmse")).isCloseTo(Math.sqrt(1.25), EXACT);

        Metrics worse = Metrics.regression(actual, new double[] {4, 3, 2, 1});
        assertThat(worse.get("r2")).isCloseTo(1 - 20.0 / 5.0, EXACT); // worse than the mean: negative
    }

    @Test
    void binaryClassificationMetricsOfFourRows() {
        // probabilities[k][i]: class k, row i; P(positive) = 0.1, 0.4, 0.35, 0.8 (scikit-learn's roc_auc example)
        int[] labels = {0, 0, 1, 1};
        double[][] p = {{0.9, 0.6, 0.65, 0.2}, {0.1, 0.4, 0.35, 0.8}};
        Metrics m = Metrics.classification(labels, p, List.of("no", "yes"));

        // predicted: no, no, no, yes → 3 of 4 right; the one positive found is right, one of two positives found
        assertThat(m.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(m.values().keySet()).containsExactly("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss");
        assertThat(m.get("accuracy")).isEqualTo(0.75);
        assertThat(m.get("precision")).isEqualTo(1.0);
        assertThat(m.get("recall")).isEqualTo(0.5);
        assertThat(m.get("f1")).isCloseTo(2.0 / 3, EXACT);
        // of the 4 positive-negative pairs, only (0.35 vs 0.4) is ordered wrongly
        assertThat(m.get("roc_auc")).isEqualTo(0.75);
        assertThat(m.get("log_loss"))
                .isCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, EXACT);
        assertThat(m.get("log_loss")).isCloseTo(0.4722879, within(1e-7));
    }

    @Test
    void aConfidentWrongAnswerCostsALotOfLogLossButNeverInfinity() {
        Metrics m =
                Metrics.classification(new int[] {1, 0}, new double[][] {{1.0, 1.0}, {0.0, 0.0}}, List.of("a", "b"));
        assertThat(m.get("accuracy")).isEqualTo(0.5);
        // probabilities are clipped to [1e-15, 1 - 1e-15]
        assertThat(m.get("log_loss")).isFinite().isCloseTo(-Math.log(1e-15) / 2, within(1e-6));
        assertThat(m.get("precision")).isZero(); // nothing predicted positive
        assertThat(m.get("f1")).isZero();
    }

    @Test
    void threeClassMetricsAreMacroAveragesOverTheClasses() {
        int[] labels = {0, 1, 2, 2, 1, 0};
        double[][] p = {
            {0.8, 0.2, 0.1, 0.2, 0.1, 0.7},
            {0.1, 0.3, 0.2, 0.5, 0.6, 0.2},
            {0.1, 0.5, 0.7, 0.3, 0.3, 0.1},
        };
        Metrics m = Metrics.classification(labels, p, List.of("a", "b", "c"));

        // predicted 0, 2, 2, 1, 1, 0: rows 1 and 3 wrong
        assertThat(m.get("accuracy")).isCloseTo(4.0 / 6, EXACT);
        // class a: precision 1, recall 1; classes b and c: one right and one wrong each way → 1/2, 1/2
        assertThat(m.get("precision")).isCloseTo((1 + 0.5 + 0.5) / 3, EXACT);
        assertThat(m.get("recall")).isCloseTo((1 + 0.5 + 0.5) / 3, EXACT);
        assertThat(m.get("f1")).isCloseTo((1 + 0.5 + 0.5) / 3, EXACT);
        // one-vs-rest AUCs: a 8/8, b 7/8, c 6.5/8 (a tie at 0.3 counts half)
        assertThat(m.get("roc_auc")).isCloseTo((1 + 0.875 + 0.8125) / 3, EXACT);
        assertThat(m.get("log_loss"))
                .isCloseTo(
                        -(Math.log(0.8) + Math.log(0.3) + Math.log(0.7) + Math.log(0.3) + Math.log(0.6) + Math.log(0.7))
                                / 6,
                        EXACT);
    }

    @Test
    void aucIsTheChanceAPositiveOutscoresANegativeWithTiesCountingHalf() {
        boolean[] positive = {false, true, false, true};
        // pairs: 0.5 vs 0.2 won, 0.5 vs 0.5 tied, 0.9 vs both won → 3.5 of 4
        assertThat(Metrics.rocAuc(new double[] {0.2, 0.5, 0.5, 0.9}, positive)).isEqualTo(0.875);
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5}, positive)).isEqualTo(0.5);
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2, 0.3, 0.4}, positive)).isEqualTo(0.75);
        assertThat(Metrics.rocAuc(new double[] {0.9, 0.1, 0.8, 0.2}, positive)).isEqualTo(0.0);
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.9, 0.2, 0.8}, positive)).isEqualTo(1.0);
        // rank based: any increasing transformation of the scores gives the same AUC
        assertThat(Metrics.rocAuc(new double[] {-20, 5, 5, 900}, positive)).isEqualTo(0.875);
    }

    @Test
    void aucIsUndefinedWithoutBothPositivesAndNegatives() {
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.7}, new boolean[] {true, true}))
                .isNaN();
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.7}, new boolean[] {false, false}))
                .isNaN();
    }

    @Test
    void askingForAnUnknownMetricListsTheOnesThatExist() {
        Metrics regression = Metrics.regression(new double[] {1, 2}, new double[] {1, 3});
        assertThatThrownBy(() -> regression.get("accuracy"))
                .isInstanceOf(PipelineException.class)
                .hasMessage("no metric 'accuracy'; available: [rmse, mae, r2]");

        Metrics classification =
                Metrics.classification(new int[] {0, 1}, new double[][] {{0.6, 0.3}, {0.4, 0.7}}, List.of("n", "y"));
        assertThatThrownBy(() -> classification.get("auc"))
                .hasMessage("no metric 'auc'; available: [accuracy, precision, recall, f1, roc_auc, log_loss]");
    }

    @Test
    void valuesIsACopyAndToStringShowsFourDecimals() {
        Metrics m = Metrics.regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});
        m.values().put("rmse", 99.0);
        assertThat(m.get("rmse")).isCloseTo(0.6124, within(1e-4));
        assertThat(m).hasToString("Metrics{rmse=0.6124, mae=0.5000, r2=0.9486}");
    }

    @Test
    void regressionMetricsDisplayAsOneChartWithTheTableAbovePredictedVersusActual() {
        Metrics m = Metrics.regression(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});
        Map<String, Object> bundle = m.mimeBundle();

        // no HTML entry: JupyterLab would show it instead of the chart
        assertThat(bundle).containsOnlyKeys(Displayable.TEXT_PLAIN, Displayable.VEGA_LITE);
        assertThat(bundle.get(Displayable.TEXT_PLAIN)).isEqualTo("Metrics{rmse=0.6124, mae=0.5000, r2=0.9486}");
        JsonNode spec = (JsonNode) bundle.get(Displayable.VEGA_LITE);
        assertThat(spec.get("$schema").asText()).isEqualTo("https://vega.github.io/schema/vega-lite/v5.json");
        assertThat(spec.get("vconcat")).hasSize(2);
        assertThat(spec.at("/vconcat/0/data/values/0/metric").asText()).isEqualTo("rmse");
        assertThat(spec.at("/vconcat/0/data/values/0/value").asText()).isEqualTo("0.6124");
        assertThat(spec.at("/vconcat/1").has("$schema")).isFalse();
        assertThat(spec.get("vconcat").get(1).toString()).contains("2.5", "-0.5");
        assertThat(m.toHtml()).startsWith("<div").contains("Regression metrics", "rmse", "mae", "r2", "0.6124");
    }

    @Test
    void binaryMetricsDisplayARocCurve() {
        Map<String, Object> bundle = Metrics.classification(
                        new int[] {0, 0, 1, 1},
                        new double[][] {{0.9, 0.6, 0.65, 0.2}, {0.1, 0.4, 0.35, 0.8}},
                        List.of("no", "yes"))
                .mimeBundle();

        JsonNode spec = (JsonNode) bundle.get(Displayable.VEGA_LITE);
        assertThat(spec.get("$schema").asText()).contains("vega-lite/v5");
        assertThat(spec.at("/vconcat/0").toString()).contains("Classification metrics", "roc_auc", "0.75");
        JsonNode roc = spec.at("/vconcat/1");
        assertThat(roc.toString()).contains("false positive rate", "true positive rate");
        // the curve's area is the same AUC as the metric
        assertThat(roc.at("/usermeta/auc").doubleValue()).isCloseTo(0.75, EXACT);
    }

    @Test
    void multiClassMetricsDisplayAsHtmlWithoutAChart() {
        Map<String, Object> bundle = Metrics.classification(
                        new int[] {0, 1, 2},
                        new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}},
                        List.of("a", "b", "c"))
                .mimeBundle();
        assertThat(bundle).containsOnlyKeys(Displayable.TEXT_PLAIN, Displayable.TEXT_HTML);
        assertThat((String) bundle.get(Displayable.TEXT_HTML)).contains("accuracy");
    }
}
