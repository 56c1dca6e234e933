package org.bighead.pipeline;

import java.util.List;

/**
 * What a model trains on: feature columns (column-major, missing = NaN) and the target, either numbers
 * (regression) or class indexes into {@code classes} (classification).
 */
public record TrainingSet(
        List<String> features,
        double[][] columns,
        double[] target,
        int[] labels,
        List<String> classes,
        TrainingListener listener) {

    /** Number of rows. */
    public int rows() {
        return target != null ? target.length : labels.length;
    }

    /** Number of feature columns. */
    public int width() {
        return features.size();
    }

    /** The features row-major as floats (the layout XGBoost and DJL take). */
    public float[] rowMajorFloats() {
        int n = rows();
        int f = width();
        float[] out = new float[n * f];
        for (int j = 0; j < f; j++) {
            double[] column = columns[j];
            for (int i = 0; i < n; i++) {
                out[i * f + j] = (float) column[i];
            }
        }
        return out;
    }
}
