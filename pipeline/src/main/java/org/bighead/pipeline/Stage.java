package org.bighead.pipeline;

/**
 * A preprocessing step before fitting: learns its parameters from data and returns a {@link FittedStage}.
 * This is the extension point for custom stages: implement it and {@link FittedStage}, register the fitted
 * type with {@link StageTypes#register}, and it trains, scores, saves and loads like a built-in one.
 */
public interface Stage extends Step {
    /** Learns from {@code data}: the training rows as earlier stages transformed them, target excluded. */
    FittedStage fit(Frame data);
}
