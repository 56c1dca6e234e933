/**
 * Serving images and the docker deployment target: a version's bundle as one layer on its environment's runtime
 * image ({@link org.bighead.environments.serving.ServingImageSpecs}, pure), built with the image builder and run
 * through the compute API. They plug into {@code productionize}'s deployments as its
 * {@link org.bighead.productionize.deploy.EngineTargets}.
 */
package org.bighead.environments.serving;
