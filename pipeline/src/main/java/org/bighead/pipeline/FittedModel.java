package org.bighead.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained model as the last stage of a fitted pipeline. It reads its feature columns and writes
 * {@value #PREDICTION} and, for classifiers, one probability column per class.
 */
public interface FittedModel extends FittedStage {
    /** The output column holding the predicted value (regression) or class index (classification). */
    String PREDICTION = "prediction";

    /** Regression or classification. */
    Task task();

    /** Feature column names, in the order {@link #predict} takes them. */
    List<String> features();

    /** Class labels in index order; empty for regression. */
    List<String> classes();

    /**
     * Scores one feature vector: {@code out[0]} is the value for regression; for classification
     * {@code out[k]} is the probability of class k. Must not allocate.
     */
    void predict(double[] features, double[] out);

    /**
     * Scores a block of feature vectors, bit for bit as {@link #predict(double[], double[])} does row by row: row r's
     * features are {@code features[r * stride ...]}, its outputs go to {@code out[r * max(1, classes) ...]}. Models
     * that can score many rows faster together (tree ensembles) override it. Must not keep references to the arrays.
     */
    default void predict(double[] features, int stride, int rows, double[] out) {
        int width = Math.max(1, classes().size());
        double[] x = new double[features().size()];
        double[] o = new double[width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features, r * stride, x, 0, x.length);
            predict(x, o);
            System.arraycopy(o, 0, out, r * width, width);
        }
    }

    /** Feature name to importance (model-specific measure), highest first; empty when the model has none. */
    default Map<String, Double> featureImportance() {
        return Map.of();
    }

    /** A copy safe to use from another thread (scratch buffers are per instance); immutable models return this. */
    default FittedModel copyForThread() {
        return this;
    }

    @Override
    default List<String> inputs() {
        return features();
    }

    @Override
    default List<ColumnDef> outputs() {
        List<ColumnDef> out = new ArrayList<>();
        out.add(ColumnDef.numeric(PREDICTION));
        for (String c : classes()) {
            out.add(ColumnDef.numeric(probabilityColumn(c)));
        }
        return out;
    }

    /** The output column holding the probability of class {@code label}. */
    static String probabilityColumn(String label) {
        return "probability(" + label + ")";
    }

    @Override
    default RowTransform compile(Layout layout) {
        FittedModel model = copyForThread();
        int[] in = features().stream().mapToInt(layout::numeric).toArray();
        int prediction = layout.numeric(PREDICTION);
        int k = classes().size();
        int[] probabilities = classes().stream()
                .mapToInt(c -> layout.numeric(probabilityColumn(c)))
                .toArray();
        double[] x = new double[in.length];
        double[] out = new double[Math.max(1, k)];
        return row -> {
            double[] num = row.num;
            for (int j = 0; j < in.length; j++) {
                x[j] = num[in[j]];
            }
            model.predict(x, out);
            if (k == 0) {
                num[prediction] = out[0];
                return;
            }
            int best = 0;
            for (int c = 0; c < k; c++) {
                num[probabilities[c]] = out[c];
                if (out[c] > out[best]) best = c;
            }
            num[prediction] = best;
        };
    }
}
