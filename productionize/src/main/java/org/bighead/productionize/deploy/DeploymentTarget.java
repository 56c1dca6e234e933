package org.bighead.productionize.deploy;

import org.bighead.registry.client.Version;

/**
 * One place a deployment can run (a small SPI): a local process, a container, Kubernetes manifests. Each target
 * starts, checks, stops and reads the logs of its own kind; {@link Deployments} does what is common (names, the
 * registry, the state files).
 */
public interface DeploymentTarget {
    /**
     * Starts {@code request} serving {@code version}; when it returns, the deployment answers (or its manifests are
     * written and valid). On failure, nothing it made is left.
     */
    Deployment start(DeploymentRequest request, Version version, Listener listener);

    /** Whether the deployment still runs (manifests: whether their file still exists). */
    boolean running(Deployment deployment);

    /** Stops the deployment and removes what it used; nothing when it is gone already. */
    void stop(Deployment deployment);

    /** Undoes a start whose recording in the registry failed: stops it (manifests: removes their file). */
    default void rollback(Deployment deployment) {
        stop(deployment);
    }

    /** The last {@code lines} lines of the deployment's output. */
    String logs(Deployment deployment, int lines);

    /** The {@code kind} the registry records: {@code serving} for an endpoint, {@code kubernetes} for manifests. */
    default String registryKind() {
        return "serving";
    }
}
