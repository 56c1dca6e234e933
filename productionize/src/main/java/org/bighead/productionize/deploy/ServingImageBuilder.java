package org.bighead.productionize.deploy;

import org.bighead.registry.client.Version;

/** Builds a version's serving image: the environment's runtime image plus one layer with the model. */
public interface ServingImageBuilder {
    /**
     * A built (or found) serving image.
     *
     * @param reference the image, as the engine (or, pushed, a cluster) knows it
     * @param overBase bytes over the environment's runtime image
     */
    record Built(String reference, long overBase) {}

    /**
     * Builds {@code version}'s serving image on {@code environment}'s runtime image (built first when missing);
     * with {@code push}, pushes it to the image registry and answers the pushed reference. A failed build leaves
     * no image.
     */
    Built build(String environment, Version version, boolean push, Listener listener);
}
