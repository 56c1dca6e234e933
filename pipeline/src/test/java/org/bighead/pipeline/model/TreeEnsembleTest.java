package org.bighead.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Trains real XGBoost models and checks the plain-Java evaluator reproduces their predictions. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TreeEnsembleTest {

    private static final int FEATURES = 8;
    private static final double NAN_RATE = 0.1;

    @Test
    void regression_predictions_equal_xgboost_on_every_held_out_row() throws Exception {
        Data train = data(2000, 1, TreeEnsembleTest::regressionTarget);
        Data test = data(500, 2, TreeEnsembleTest::regressionTarget);
        Booster booster = train(train, params("reg:squarederror"), 200);

        TreeEnsemble ensemble = TreeEnsemble.fromJson(booster.toByteArray("json"));

        assertThat(ensemble.objective()).isEqualTo("reg:squarederror");
        assertThat(ensemble.numClasses()).isEqualTo(1);
        assertThat(ensemble.numFeatures()).isEqualTo(FEATURES);
        assertThat(ensemble.numTrees()).isEqualTo(200);
        assertMatchesXgboost(ensemble, booster, test, false);
        booster.dispose();
    }

    @Test
    void values_on_or_just_below_a_split_threshold_branch_like_xgboost() throws Exception {
        Data train = data(2000, 11, TreeEnsembleTest::regressionTarget);
        Booster trained = train(train, params("reg:squarederror"), 50);
        // Move every root split to 0, so that -0 against a +0 threshold is covered too, and let
        // XGBoost load the edited model so it stays the reference.
        ObjectNode model = (ObjectNode) new ObjectMapper().readTree(trained.toByteArray("json"));
        trained.dispose();
        for (JsonNode tree : model.at("/learner/gradient_booster/model/trees")) {
            ((ArrayNode) tree.get("split_conditions")).set(0, 0.0f);
        }
        byte[] json = new ObjectMapper().writeValueAsBytes(model);
        Booster booster = XGBoost.loadModel(json);
        List<List<Double>> thresholds = splitThresholds(json);
        // On a threshold, "value < threshold" is false: go right. Just below it in double but equal
        // once rounded to float, also right, because XGBoost compares floats.
        Random random = new Random(12);
        double[][] rows = new double[1000][FEATURES];
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                List<Double> candidates = thresholds.get(f);
                double threshold = candidates.isEmpty() ? 1.0 : candidates.get(random.nextInt(candidates.size()));
                double[] choices = {threshold, Math.nextDown(threshold), 0.0, -0.0, Double.NaN};
                row[f] = choices[random.nextInt(choices.length)];
            }
        }

        assertMatchesXgboost(TreeEnsemble.fromJson(json), booster, new Data(rows, new float[rows.length]), false);
        booster.dispose();
    }

    @Test
    void binary_probabilities_and_margins_equal_xgboost_on_every_held_out_row() throws Exception {
        // Roughly a quarter positives, so the fitted base_score is far from 0.5 and its logit matters.
        ToDoubleFunction<double[]> label = x -> regressionTarget(x) > 3 ? 1 : 0;
        Data train = data(2000, 3, label);
        Data test = data(500, 4, label);
        Booster booster = train(train, params("binary:logistic"), 100);

        TreeEnsemble ensemble = TreeEnsemble.fromJson(booster.toByteArray("json"));

        assertThat(ensemble.numClasses()).isEqualTo(1);
        assertMatchesXgboost(ensemble, booster, test, false);
        assertMatchesXgboost(ensemble, booster, test, true);
        booster.dispose();
    }

    @Test
    void three_class_softprob_probabilities_equal_xgboost_on_every_held_out_row() throws Exception {
        ToDoubleFunction<double[]> label = x -> {
            double a = value(x[0]) + value(x[1]);
            double b = value(x[2]) * value(x[3]);
            return a > 0.5 ? 0 : b > 0 ? 1 : 2;
        };
        Data train = data(2000, 5, label);
        Data test = data(500, 6, label);
        Map<String, Object> params = params("multi:softprob");
        params.put("num_class", 3);
        Booster booster = train(train, params, 50);

        TreeEnsemble ensemble = TreeEnsemble.fromJson(booster.toByteArray("json"));

        assertThat(ensemble.numClasses()).isEqualTo(3);
        assertThat(ensemble.numTrees()).isEqualTo(150);
        assertMatchesXgboost(ensemble, booster, test, false);
        assertMatchesXgboost(ensemble, booster, test, true);
        booster.dispose();
    }

    @Test
    void the_multi_softmax_class_is_the_most_probable_class_of_our_prediction() throws Exception {
        ToDoubleFunction<double[]> label = x -> value(x[0]) > 1 ? 0 : value(x[1]) > 0 ? 1 : 2;
        Data train = data(1000, 13, label);
        Data test = data(300, 14, label);
        Map<String, Object> params = params("multi:softmax");
        params.put("num_class", 3);
        Booster booster = train(train, params, 20);
        TreeEnsemble ensemble = TreeEnsemble.fromJson(booster.toByteArray("json"));
        DMatrix matrix = matrix(test);
        // multi:softmax makes XGBoost return the class index; we return the probabilities.
        float[][] classes = booster.predict(matrix);
        matrix.dispose();

        double[] out = new double[3];
        for (int row = 0; row < test.rows.length; row++) {
            ensemble.predict(test.rows[row], out);
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = out[k] > out[best] ? k : best;
            }
            assertThat(best).as("row %d", row).isEqualTo((int) classes[row][0]);
        }
        booster.dispose();
    }

    @Test
    void importance_agrees_with_xgboosts_own_weight_and_total_gain() throws Exception {
        Data train = data(1000, 7, TreeEnsembleTest::regressionTarget);
        Booster booster = train(train, params("reg:squarederror"), 30);
        List<String> names = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            names.add("x" + f);
        }
        String[] nameArray = names.toArray(new String[0]);
        TreeEnsemble ensemble = TreeEnsemble.fromJson(booster.toByteArray("json"));

        Map<String, Double> weight = ensemble.importanceWeight(names);
        Map<String, Double> gain = ensemble.importanceGain(names);

        Map<String, Integer> xgbWeight = booster.getFeatureScore(nameArray);
        assertThat(weight).hasSameSizeAs(xgbWeight);
        xgbWeight.forEach((name, count) -> assertThat(weight.get(name)).isEqualTo(count.doubleValue()));
        // XGBoost sums gains in float, we in double: close, not identical.
        Map<String, Double> xgbGain = booster.getScore(nameArray, "total_gain");
        assertThat(gain).hasSameSizeAs(xgbGain);
        xgbGain.forEach((name, total) -> assertThat(gain.get(name)).isCloseTo(total, within(1e-5 * total)));
        assertThat(new ArrayList<>(gain.values())).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        booster.dispose();
    }

    @Test
    void a_model_with_an_unsupported_objective_is_refused_naming_the_objective() throws Exception {
        ObjectNode json = smallRegressionModel();
        ((ObjectNode) json.at("/learner/objective")).put("name", "count:poisson");

        assertThatThrownBy(() -> TreeEnsemble.fromJson(new ObjectMapper().writeValueAsBytes(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported objective 'count:poisson'");
    }

    @Test
    void a_model_with_a_categorical_split_is_refused() throws Exception {
        ObjectNode json = smallRegressionModel();
        ((ArrayNode) json.at("/learner/gradient_booster/model/trees/0/split_type")).set(0, 1);

        assertThatThrownBy(() -> TreeEnsemble.fromJson(new ObjectMapper().writeValueAsBytes(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical splits are not supported");
    }

    @Test
    void linear_and_dart_boosters_are_refused() throws Exception {
        Data train = data(200, 8, TreeEnsembleTest::regressionTarget);
        Map<String, Object> linear = params("reg:squarederror");
        linear.put("booster", "gblinear");
        // XGBoost 3.x saves dart as gbtree with per-tree dropout weights.
        Map<String, Object> dart = params("reg:squarederror");
        dart.put("booster", "dart");
        dart.put("rate_drop", 0.5);

        Booster linearBooster = train(train, linear, 3);
        Booster dartBooster = train(train, dart, 5);

        assertThatThrownBy(() -> TreeEnsemble.fromJson(linearBooster.toByteArray("json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gblinear");
        assertThatThrownBy(() -> TreeEnsemble.fromJson(dartBooster.toByteArray("json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dart");
        linearBooster.dispose();
        dartBooster.dispose();
    }

    /** Every output of every row must agree with XGBoost within 1e-6, relative above 1. */
    private static void assertMatchesXgboost(TreeEnsemble ensemble, Booster booster, Data test, boolean margin)
            throws XGBoostError {
        DMatrix matrix = matrix(test);
        float[][] expected = booster.predict(matrix, margin);
        matrix.dispose();
        double[] out = new double[ensemble.numClasses()];
        for (int row = 0; row < test.rows.length; row++) {
            if (margin) {
                ensemble.predictMargin(test.rows[row], out);
            } else {
                ensemble.predict(test.rows[row], out);
            }
            assertThat(expected[row]).hasSize(out.length);
            for (int k = 0; k < out.length; k++) {
                double want = expected[row][k];
                assertThat(out[k])
                        .as("row %d output %d (margin=%s)", row, k, margin)
                        .isCloseTo(want, within(1e-6 * Math.max(1.0, Math.abs(want))));
            }
        }
    }

    private static Booster train(Data data, Map<String, Object> params, int rounds) throws XGBoostError {
        DMatrix matrix = matrix(data);
        Booster booster = XGBoost.train(matrix, params, rounds, new HashMap<>(), null, null);
        matrix.dispose();
        return booster;
    }

    private static Map<String, Object> params(String objective) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", objective);
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("subsample", 0.8);
        params.put("nthread", 1);
        params.put("seed", 42);
        return params;
    }

    private static ObjectNode smallRegressionModel() throws Exception {
        Data data = data(200, 9, TreeEnsembleTest::regressionTarget);
        Booster booster = train(data, params("reg:squarederror"), 3);
        byte[] json = booster.toByteArray("json");
        booster.dispose();
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    /** Every split_conditions value of every split node, grouped by its feature. */
    private static List<List<Double>> splitThresholds(byte[] json) throws Exception {
        List<List<Double>> thresholds = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            thresholds.add(new ArrayList<>());
        }
        JsonNode trees = new ObjectMapper().readTree(json).at("/learner/gradient_booster/model/trees");
        for (JsonNode tree : trees) {
            for (int node = 0; node < tree.get("left_children").size(); node++) {
                if (tree.get("left_children").get(node).asInt() != -1) {
                    int feature = tree.get("split_indices").get(node).asInt();
                    thresholds.get(feature).add((double)
                            tree.get("split_conditions").get(node).floatValue());
                }
            }
        }
        return thresholds;
    }

    /** Rows of features (some NaN) with their label. */
    private record Data(double[][] rows, float[] labels) {}

    // Doubles with more precision than float, so the evaluator's float rounding is exercised too.
    private static Data data(int n, long seed, ToDoubleFunction<double[]> label) {
        Random random = new Random(seed);
        double[][] rows = new double[n][FEATURES];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < FEATURES; f++) {
                rows[i][f] = random.nextDouble() < NAN_RATE ? Double.NaN : random.nextGaussian() * 2;
            }
            labels[i] = (float) label.applyAsDouble(rows[i]);
        }
        return new Data(rows, labels);
    }

    private static DMatrix matrix(Data data) throws XGBoostError {
        float[] flat = new float[data.rows.length * FEATURES];
        for (int i = 0; i < data.rows.length; i++) {
            for (int f = 0; f < FEATURES; f++) {
                flat[i * FEATURES + f] = (float) data.rows[i][f];
            }
        }
        DMatrix matrix = new DMatrix(flat, data.rows.length, FEATURES, Float.NaN);
        matrix.setLabel(data.labels);
        return matrix;
    }

    private static double regressionTarget(double[] x) {
        return Math.sin(value(x[0])) * 3 + value(x[1]) * value(x[2]) + (value(x[3]) > 0 ? 2 : -1) + 0.1 * value(x[4]);
    }

    // Missing features contribute nothing to the synthetic targets.
    private static double value(double x) {
        return Double.isNaN(x) ? 0 : x;
    }
}
