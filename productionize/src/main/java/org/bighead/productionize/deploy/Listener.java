package org.bighead.productionize.deploy;

/**
 * Hears a deployment's steps as they finish ("resolved listing-price@champion → v7", "serving image built", "ready
 * at …"), each with how long it took: the export flow shows them one by one, the CLI prints them.
 */
@FunctionalInterface
public interface Listener {
    /** Hears nothing. */
    Listener NONE = step -> {};

    void step(Step step);

    /**
     * One finished step.
     *
     * @param name a short word for the step: {@code resolve}, {@code port}, {@code image}, {@code start},
     *     {@code ready}, {@code record}, {@code manifests}, {@code validate}, {@code note}
     * @param detail what happened, in a sentence
     * @param millis how long it took
     */
    record Step(String name, String detail, long millis) {
        @Override
        public String toString() {
            return millis > 0 ? String.format(java.util.Locale.ROOT, "%s (%.1f s)", detail, millis / 1000.0) : detail;
        }
    }
}
