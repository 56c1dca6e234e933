package org.bighead.pipeline.model;

import org.bighead.pipeline.PipelineException;

/**
 * Ends a fit whose thread was interrupted (a notebook's interrupt, a job being cancelled), checked between boosting
 * rounds and between epochs: the training library itself never looks. The interrupt status stays set.
 */
public final class FitInterruptedException extends PipelineException {
    private static final long serialVersionUID = 1L;

    private FitInterruptedException(String message) {
        super(message);
    }

    /** Throws if this thread was interrupted, saying how far the fit got: "after 12 of 500 rounds". */
    static void throwIfInterrupted(String fit, int done, int total, String steps) {
        if (Thread.currentThread().isInterrupted()) {
            throw new FitInterruptedException(fit + " was interrupted after " + done + " of " + total + " " + steps);
        }
    }
}
