package org.bighead.pipeline;

/** What a model predicts. */
public enum Task {
    /** A number (price). */
    REGRESSION,
    /** One of a few classes (booked or not), with probabilities. */
    CLASSIFICATION
}
