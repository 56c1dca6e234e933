package org.bighead.environments.serving;

import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.productionize.deploy.ServingCommand;

/**
 * The container of a docker deployment as pure data: the serving image on an instance type, serving on the host's
 * network ({@code LocalDockerCompute} runs every container there) at the deployment's port, labelled so that the
 * compute layer lists it as serving and owned by the deployment.
 */
public final class ServingLaunchSpecs {
    /** Label naming the deployment a container serves. */
    public static final String DEPLOYMENT = "org.bighead.deployment";

    private ServingLaunchSpecs() {}

    /** The container's name on the engine: one per deployment. */
    public static String containerName(String deployment) {
        return "bighead-deploy-" + deployment;
    }

    /**
     * The container serving {@code model} from {@code image} at 127.0.0.1:{@code port}.
     *
     * @param deployment the deployment's name (owner label, container name)
     */
    public static LaunchSpec of(
            String image, InstanceType type, String deployment, String model, int version, int port) {
        return LaunchSpec.builder(image, type)
                .command(ServingCommand.command(model, "127.0.0.1", port))
                .label(Compute.PURPOSE, "serving")
                .label(Compute.OWNER, deployment)
                .label(DEPLOYMENT, deployment)
                .label("org.bighead.model", model)
                .label("org.bighead.model-version", Integer.toString(version))
                .name(containerName(deployment))
                .build();
    }
}
