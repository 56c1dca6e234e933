package org.bighead.pipeline.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartsTest {

    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

    static String json(ObjectNode spec) throws Exception {
        return new ObjectMapper().writeValueAsString(spec);
    }

    @Test
    void roc_auc_of_a_small_example_equals_the_hand_computed_value() {
        // positives 0.35, 0.8; negatives 0.1, 0.4. Of the 4 (pos, neg) pairs, 3 rank the positive
        // higher (0.35 < 0.4 is the miss), so AUC = 3/4.
        ObjectNode spec = Charts.rocCurve(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertThat(spec.get("usermeta").get("auc").asDouble()).isEqualTo(0.75);
        assertThat(spec.get("title").get("text").asText()).isEqualTo("ROC curve (AUC = 0.7500)");
        assertThat(spec.get("$schema").asText()).isEqualTo(SCHEMA);
        JsonNode points = spec.get("layer").get(1).get("data").get("values");
        assertThat(points).hasSize(5); // origin + one vertex per distinct score
        assertThat(points.get(0).get("fpr").asDouble()).isZero();
        assertThat(points.get(4).get("tpr").asDouble()).isEqualTo(1.0);
        assertThat(points.get(0).get("threshold").isNull()).isTrue();
    }

    @Test
    void roc_ties_count_half_like_the_mann_whitney_statistic() {
        // positives 0.9, 0.7; negatives 0.7, 0.3: pairs 1 + 1 + 0.5 (tie) + 1 = 3.5 of 4
        ObjectNode spec = Charts.rocCurve(
                new double[] {0.9, 0.7, 0.7, 0.3, Double.NaN}, new boolean[] {true, true, false, false, true});
        assertThat(spec.get("usermeta").get("auc").asDouble()).isCloseTo(0.875, within(1e-15));
        assertThat(spec.get("title").get("text").asText()).contains("AUC = 0.8750");
        assertThatThrownBy(() -> Charts.rocCurve(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void feature_importance_keeps_the_top_n_in_order() {
        Map<String, Double> imp = new LinkedHashMap<>();
        imp.put("sqft", 0.30);
        imp.put("bedrooms", 0.10);
        imp.put("amenities#3", 0.05);
        imp.put("neighbourhood=Brooklyn", 0.45);
        imp.put("broken", Double.NaN);
        imp.put("bathrooms", 0.10);
        ObjectNode spec = Charts.featureImportance(imp, 3);
        JsonNode values = spec.get("data").get("values");
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.get("feature").asText()));
        assertThat(names).containsExactly("neighbourhood=Brooklyn", "sqft", "bathrooms");
        assertThat(values.get(0).get("importance").asDouble()).isEqualTo(0.45);
        assertThat(values.get(2).get("rank").asInt()).isEqualTo(3);
        assertThat(spec.get("encoding").get("y").get("sort").isNull()).isTrue();
        assertThat(spec.get("title").get("subtitle").asText()).isEqualTo("top 3 of 5 features");
    }

    @Test
    void predicted_vs_actual_samples_at_most_5000_points_deterministically() throws Exception {
        int n = 12_345;
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 100;
            predicted[i] = i % 100 + Math.sin(i);
        }
        predicted[7] = Double.NaN;
        ObjectNode spec = Charts.predictedVsActual(actual, predicted);
        JsonNode points = spec.get("layer").get(0).get("data").get("values");
        assertThat(points).hasSize(Charts.MAX_POINTS);
        assertThat(json(spec)).isEqualTo(json(Charts.predictedVsActual(actual, predicted)));
        assertThat(json(spec)).doesNotContain("NaN");
        assertThat(spec.get("title").get("subtitle").asText()).contains("n = 12344", "R²");
        JsonNode rule = spec.get("layer").get(1).get("data").get("values").get(0);
        assertThat(rule.get("x").asDouble()).isEqualTo(rule.get("y").asDouble());
        assertThat(rule.get("x2").asDouble()).isEqualTo(rule.get("y2").asDouble());
    }

    @Test
    void residuals_are_actual_minus_predicted() {
        ObjectNode spec = Charts.residuals(new double[] {3, 5}, new double[] {1, 6});
        JsonNode values = spec.get("layer").get(0).get("data").get("values");
        assertThat(values.get(0).get("residual").asDouble()).isEqualTo(2.0);
        assertThat(values.get(1).get("residual").asDouble()).isEqualTo(-1.0);
        assertThat(spec.get("title").get("text").asText()).isEqualTo("Residuals");
    }

    @Test
    void training_curve_has_one_colored_line_per_series() throws Exception {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("train", List.of(1.0, 0.6, 0.4));
        series.put("valid", List.of(1.1, 0.8, Double.NaN));
        ObjectNode spec = Charts.trainingCurve(List.of(10, 20, 30), series);
        assertThat(spec.get("data").get("values")).hasSize(5);
        assertThat(spec.get("encoding").get("color").get("scale").get("domain").toString())
                .isEqualTo("[\"train\",\"valid\"]");
        assertThat(spec.get("title").get("subtitle").asText()).isEqualTo("min: train 0.4 @ 30 · valid 0.8 @ 20");
        assertThat(json(spec)).doesNotContain("NaN");
    }

    @Test
    void a_chart_is_displayable_as_vega_lite() {
        ObjectNode spec = Charts.residuals(new double[] {1}, new double[] {1});
        Map<String, Object> bundle = Charts.display(spec).mimeBundle();
        assertThat(bundle.get("application/vnd.vegalite.v5+json")).isSameAs(spec);
        assertThat(bundle.get("text/plain")).asString().startsWith("<Residuals");
    }
}
