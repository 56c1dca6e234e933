package org.bighead.environments.serving;

import org.bighead.productionize.deploy.DeploymentTarget;
import org.bighead.productionize.deploy.EngineTargets;
import org.bighead.productionize.deploy.ServingImageBuilder;
import org.bighead.productionize.deploy.TargetContext;

/**
 * The deployment targets that need an image engine, on Docker (docker-java): found by {@code Deployments} through
 * {@link java.util.ServiceLoader} ({@code META-INF/services}) where this module is on the class path.
 */
public final class DockerEngineTargets implements EngineTargets {
    @Override
    public DeploymentTarget docker(TargetContext context) {
        return new DockerDeploymentTarget(context, ServingImages.of(context));
    }

    @Override
    public ServingImageBuilder images(TargetContext context) {
        return ServingImages.of(context);
    }
}
