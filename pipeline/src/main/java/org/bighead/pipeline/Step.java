package org.bighead.pipeline;

/** One step of a {@link Pipeline}: a {@link Stage} (preprocessing) or a {@link Model}. */
public interface Step {
    /** A short default name; the pipeline makes names unique ("impute", "impute-2"). */
    String name();
}
