package org.bighead.pipeline;

import java.util.Map;

/**
 * One scored row. For regression {@code value} is the prediction and {@code label} null; for classification
 * {@code label} is the most probable class, {@code value} its index and {@code probabilities} every class's.
 */
public record Prediction(double value, String label, Map<String, Double> probabilities) {

    /** The probability of class {@code label}, or NaN for regression. */
    public double probability(String classLabel) {
        Double p = probabilities.get(classLabel);
        return p == null ? Double.NaN : p;
    }
}
