package org.bighead.pipeline.bundle;

/**
 * What reading a bundle does with the code it carries (classes written in notebook cells). Loading that code runs
 * it, so it is never the default.
 */
public enum BundleCode {
    /** Refuse a bundle that carries code, saying how to trust it (the default). */
    REFUSE,
    /**
     * Load the classes the bundle declares in a class loader of their own (one per read, so a version's classes go
     * with it): for bundles from the registry, which checked the uploader's write token, or ones the caller vouches
     * for ({@code --trust-code}).
     */
    TRUST,
    /**
     * Run nothing: stages whose code the bundle carries are read as their recorded shape (columns in and out, the
     * summary), enough to describe, list and draw the pipeline but not to score. The registry reads uploads so.
     */
    DESCRIBE;

    /** {@link #TRUST}, as a call reads: {@code FittedPipeline.load(path, BundleCode.trustCode())}. */
    public static BundleCode trustCode() {
        return TRUST;
    }
}
