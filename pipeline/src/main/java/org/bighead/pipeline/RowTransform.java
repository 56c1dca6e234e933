package org.bighead.pipeline;

/**
 * A fitted stage compiled against a {@link Layout}: transforms one row in place. Batch scoring and online
 * scoring both run rows through these, so they agree bit for bit. Instances may keep scratch state and are
 * used by one thread at a time.
 */
@FunctionalInterface
public interface RowTransform {
    /** Reads input slots of {@code row} and writes output slots. */
    void apply(RowBuffer row);
}
