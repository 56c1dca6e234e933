package org.bighead.serving;

import java.util.List;

/**
 * What a batch of rows scored to.
 *
 * @param values        per row: the prediction (regression) or the index of the most probable class
 * @param probabilities per class k, per row: the probability of class k (empty for regression)
 * @param classes       class labels in the order of {@code probabilities} (empty for regression)
 */
public record Scores(double[] values, double[][] probabilities, List<String> classes) {

    /** Number of rows scored. */
    public int size() {
        return values.length;
    }

    /** Whether the model is a classifier (predictions are labels). */
    public boolean classification() {
        return !classes.isEmpty();
    }

    /** The predicted label of row i (classification only). */
    public String label(int i) {
        return classes.get((int) values[i]);
    }
}
