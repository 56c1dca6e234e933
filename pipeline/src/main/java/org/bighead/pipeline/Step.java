package org.bighead.pipeline;

/** One step of a {@link Pipeline}: a {@link Stage} (preprocessing) or a {@link Model}. */
public interface Step {
    /** A short default name; the pipeline makes names unique ("impute", "impute-2"). */
    String name();

    /**
     * What it will read, write and hide, and its settings, as configured: how the unfitted pipeline's graph shows
     * it. Null (the default, e.g. a custom stage) when that is known only after fitting.
     */
    default StepPlan plan() {
        return null;
    }
}
