package org.bighead.pipeline.model;

/** Hears about each finished training epoch and may ask training to stop. */
@FunctionalInterface
public interface EpochListener {

    /** Listener that never stops training. */
    EpochListener NONE = (epoch, totalEpochs, trainLoss) -> true;

    /**
     * Called after each epoch (1-based {@code epoch}) with the mean training loss of that epoch;
     * returns false to stop training cleanly, keeping the weights learned so far.
     */
    boolean onEpoch(int epoch, int totalEpochs, double trainLoss);
}
