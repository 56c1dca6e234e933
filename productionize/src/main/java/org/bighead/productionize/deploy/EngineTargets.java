package org.bighead.productionize.deploy;

/**
 * What needs an image engine, provided through {@link java.util.ServiceLoader} by a module that has one (the
 * environments module: docker-java, {@code org.bighead.environments.serving.DockerEngineTargets}). This module does
 * not depend on it, so neither it nor docker-java reaches the class path of what uses this module (the kernel's);
 * where no provider is found, {@link Deployments} runs those targets through {@code ./bighead deployments}.
 */
public interface EngineTargets {
    /** The docker target: the serving image in a container on the compute layer. */
    DeploymentTarget docker(TargetContext context);

    /** Builds (and pushes) versions' serving images: the k8s target's image when none is given. */
    ServingImageBuilder images(TargetContext context);
}
