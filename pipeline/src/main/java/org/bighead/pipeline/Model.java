package org.bighead.pipeline;

/** The last step of a pipeline, before training: e.g. {@code XGBoost.regressor().rounds(200)}. */
public interface Model extends Step {
    /** Regression or classification. */
    Task task();

    /** Trains on the assembled features. */
    FittedModel train(TrainingSet data);
}
