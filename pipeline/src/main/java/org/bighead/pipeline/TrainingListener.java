package org.bighead.pipeline;

import java.util.Map;

/**
 * Hears about training progress: one call per boosting round or epoch. A notebook progress bar and loss chart
 * implement it; returning false stops training cleanly after the current step.
 */
@FunctionalInterface
public interface TrainingListener {
    /** A listener that does nothing. */
    TrainingListener NONE = (step, total, metrics) -> true;

    /**
     * Called after each step.
     *
     * @param step    1-based step just finished
     * @param total   planned number of steps
     * @param metrics metric name to value for this step (e.g. "train-rmse")
     * @return true to go on, false to stop after this step
     */
    boolean onStep(int step, int total, Map<String, Double> metrics);
}
