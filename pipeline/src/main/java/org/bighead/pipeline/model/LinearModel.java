package org.bighead.pipeline.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.Task;

/**
 * A trained linear model: one weight row per output (one for regression, one per class for softmax).
 *
 * @param weights   [output][feature]
 * @param intercept per output
 */
public record LinearModel(
        Task task, List<String> features, List<String> classes, double[][] weights, double[] intercept)
        implements FittedModel {
    /** Registry name. */
    public static final String TYPE = "linear";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void predict(double[] x, double[] out) {
        int outputs = weights.length;
        for (int c = 0; c < outputs; c++) {
            double[] w = weights[c];
            double s = intercept[c];
            for (int j = 0; j < w.length; j++) s += w[j] * x[j];
            out[c] = s;
        }
        if (task == Task.CLASSIFICATION) {
            softmaxInPlace(out);
        }
    }

    static void softmaxInPlace(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) max = Math.max(max, d);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = StrictMath.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= sum;
    }

    @Override
    public Map<String, Double> featureImportance() {
        Map<String, Double> importance = new LinkedHashMap<>();
        for (int j = 0; j < features.size(); j++) {
            double s = 0;
            for (double[] w : weights) s += Math.abs(w[j]);
            importance.put(features.get(j), s);
        }
        return sortDescending(importance);
    }

    static Map<String, Double> sortDescending(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public String summary() {
        return (task == Task.REGRESSION ? "ridge" : "softmax") + ", " + features.size() + " features";
    }
}
