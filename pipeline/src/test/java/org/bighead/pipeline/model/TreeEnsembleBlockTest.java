package org.bighead.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The block walker gives every row exactly the bits of the row walker (which TreeEnsembleTest ties to XGBoost). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TreeEnsembleBlockTest {

    private static final int FEATURES = 8;

    @Test
    void regression_blocks_equal_the_row_walker_bit_for_bit_with_missing_values_and_edge_values() throws Exception {
        assertBlocksEqualRows(trained("reg:squarederror", Map.of(), 3, 100));
    }

    @Test
    void a_zero_threshold_sends_minus_zero_right_in_blocks_too() throws Exception {
        byte[] json = trainedJson("reg:squarederror", Map.of(), 3, 30);
        ObjectNode model = (ObjectNode) new ObjectMapper().readTree(json);
        for (JsonNode tree : model.at("/learner/gradient_booster/model/trees")) {
            ((ArrayNode) tree.get("split_conditions")).set(0, 0.0f);
        }
        assertBlocksEqualRows(TreeEnsemble.fromJson(new ObjectMapper().writeValueAsBytes(model)));
    }

    @Test
    void binary_logistic_blocks_equal_the_row_walker_bit_for_bit() throws Exception {
        assertBlocksEqualRows(trained("binary:logistic", Map.of(), 2, 80));
    }

    @Test
    void multi_class_blocks_equal_the_row_walker_bit_for_bit() throws Exception {
        assertBlocksEqualRows(trained("multi:softprob", Map.of("num_class", 3), 3, 30));
        assertBlocksEqualRows(trained("multi:softmax", Map.of("num_class", 4), 4, 20));
    }

    @Test
    void dart_trained_blocks_equal_the_row_walker_bit_for_bit() throws Exception {
        // dart without dropout leaves every tree weight 1, which is what the evaluator accepts
        assertBlocksEqualRows(trained("reg:squarederror", Map.of("booster", "dart", "rate_drop", 0.0), 3, 40));
    }

    @Test
    void trees_too_deep_to_store_complete_are_walked_row_by_row_with_the_same_result() throws Exception {
        Map<String, Object> deep = Map.of("grow_policy", "lossguide", "max_depth", 0, "max_leaves", 200);
        TreeEnsemble ensemble = trained("reg:squarederror", deep, 3, 20);
        assertThat(deepest(ensemble)).isGreaterThan(BlockWalker.MAX_DEPTH);
        assertBlocksEqualRows(ensemble);
    }

    @Test
    void trees_walked_four_at_a_time_beside_trees_walked_alone_give_the_row_walkers_bits() throws Exception {
        // leaf-wise growth with few leaves makes trees of uneven depth: some runs of four share a depth, some not
        Map<String, Object> uneven = Map.of("grow_policy", "lossguide", "max_depth", 6, "max_leaves", 6);
        TreeEnsemble ensemble = trained("reg:squarederror", uneven, 3, 61);
        BlockWalker walker = walker(ensemble);
        int fours = 0;
        int alone = 0;
        for (int t = 0; t < ensemble.numTrees(); ) {
            if (walker.walksFour(t)) {
                fours++;
                t += 4;
            } else {
                alone++;
                t++;
            }
        }
        assertThat(fours).isPositive();
        assertThat(alone).isGreaterThan(1); // the last tree, and at least one tree whose run of four was uneven
        assertBlocksEqualRows(ensemble);
        assertBlocksEqualRows(trained("multi:softprob", Map.of("num_class", 3, "max_depth", 4), 3, 7));
    }

    @Test
    void a_block_too_small_for_its_rows_is_refused() throws Exception {
        TreeEnsemble ensemble = trained("reg:squarederror", Map.of(), 3, 5);

        assertThatThrownBy(() -> ensemble.predictMargin(new double[FEATURES * 2 - 1], FEATURES, 2, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows need 16 features");
        assertThatThrownBy(() -> ensemble.predictMargin(new double[FEATURES], FEATURES - 1, 1, new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride of at least 8");
    }

    /** Blocks of every awkward size, at a stride wider than the features, against predict/predictMargin per row. */
    private static void assertBlocksEqualRows(TreeEnsemble ensemble) {
        int stride = FEATURES + 3;
        int classes = ensemble.numClasses();
        double[][] rows = rows(1000, 99, true);
        double[] block = new double[rows.length * stride];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, block, r * stride, FEATURES);
            block[r * stride + FEATURES] = Double.NaN; // past the features: must be ignored
        }
        double[] one = new double[classes];
        for (boolean margin : new boolean[] {true, false}) {
            double[] out = new double[rows.length * classes];
            int first = 0;
            for (int size : new int[] {1, 7, 8, 9, 31, 32, 33, 100, 779}) {
                double[] part = java.util.Arrays.copyOfRange(block, first * stride, (first + size) * stride);
                double[] partOut = new double[size * classes];
                if (margin) {
                    ensemble.predictMargin(part, stride, size, partOut);
                } else {
                    ensemble.predict(part, stride, size, partOut);
                }
                System.arraycopy(partOut, 0, out, first * classes, partOut.length);
                first += size;
            }
            assertThat(first).isEqualTo(rows.length);
            for (int r = 0; r < rows.length; r++) {
                if (margin) {
                    ensemble.predictMargin(rows[r], one);
                } else {
                    ensemble.predict(rows[r], one);
                }
                for (int k = 0; k < classes; k++) {
                    assertThat(Double.doubleToRawLongBits(out[r * classes + k]))
                            .as("row %d output %d (margin=%s): %s vs %s", r, k, margin, out[r * classes + k], one[k])
                            .isEqualTo(Double.doubleToRawLongBits(one[k]));
                }
            }
        }
    }

    private static BlockWalker walker(TreeEnsemble ensemble) throws Exception {
        ensemble.predictMargin(new double[FEATURES], FEATURES, 1, new double[ensemble.numClasses()]);
        java.lang.reflect.Field blocks = TreeEnsemble.class.getDeclaredField("blocks");
        blocks.setAccessible(true);
        return (BlockWalker) blocks.get(ensemble);
    }

    private static int deepest(TreeEnsemble ensemble) throws Exception {
        java.lang.reflect.Field depth = TreeEnsemble.class.getDeclaredField("treeDepth");
        depth.setAccessible(true);
        return java.util.Arrays.stream((int[]) depth.get(ensemble)).max().orElse(0);
    }

    private static TreeEnsemble trained(String objective, Map<String, Object> extra, int labels, int rounds)
            throws XGBoostError {
        return TreeEnsemble.fromJson(trainedJson(objective, extra, labels, rounds));
    }

    private static byte[] trainedJson(String objective, Map<String, Object> extra, int labels, int rounds)
            throws XGBoostError {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", objective);
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("subsample", 0.8);
        params.put("nthread", 1);
        params.put("seed", 42);
        params.putAll(extra);
        double[][] train = rows(2000, 1, false); // XGBoost refuses infinities
        float[] flat = new float[train.length * FEATURES];
        float[] label = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            double[] x = train[i];
            for (int f = 0; f < FEATURES; f++) flat[i * FEATURES + f] = (float) x[f];
            double score = Math.sin(value(x[0])) * 3 + value(x[1]) * value(x[2]) + (value(x[3]) > 0 ? 2 : -1);
            label[i] = objective.startsWith("reg") ? (float) score : Math.floorMod((long) Math.floor(score), labels);
        }
        DMatrix matrix = new DMatrix(flat, train.length, FEATURES, Float.NaN);
        matrix.setLabel(label);
        Booster booster = XGBoost.train(matrix, params, rounds, new HashMap<>(), null, null);
        byte[] json = booster.toByteArray("json");
        matrix.dispose();
        booster.dispose();
        return json;
    }

    // Doubles finer than float, a tenth missing, and the values where comparisons are delicate: zeros of both
    // signs, infinities, the extremes of float, doubles that round to float infinity.
    private static double[][] rows(int n, long seed, boolean edgeValues) {
        double[] edges = {
            0.0,
            -0.0,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            1e300,
            -1e300,
            Double.NaN
        };
        Random random = new Random(seed);
        double[][] rows = new double[n][FEATURES];
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                double u = random.nextDouble();
                row[f] = u < 0.1
                        ? Double.NaN
                        : u < 0.15 && edgeValues ? edges[random.nextInt(edges.length)] : random.nextGaussian() * 2;
            }
        }
        return rows;
    }

    private static double value(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) || Math.abs(x) > 1e30 ? 0 : x;
    }
}
