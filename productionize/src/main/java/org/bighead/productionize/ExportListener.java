package org.bighead.productionize;

/** Hears an export as it happens: the notebook widget ticks its step list, the CLI prints a line per step. */
public interface ExportListener {
    /** {@code step} begins. */
    default void started(ExportStep step) {}

    /** {@code step} ended well after {@code millis}; {@code detail} says what it made ("v7", an URL). */
    default void done(ExportStep step, long millis, String detail) {}

    /** {@code step} is not part of this export (no --serve, no schedule). */
    default void skipped(ExportStep step) {}

    /** {@code step} failed after {@code millis}; {@code message} says why, for a person. */
    default void failed(ExportStep step, long millis, String message) {}

    /** An earlier step's work was undone after a failure; {@code what} says what ("deleted v7"). */
    default void rolledBack(String what) {}

    /** Ignores everything. */
    ExportListener NONE = new ExportListener() {};
}
