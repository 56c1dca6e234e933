package org.bighead.productionize.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bighead.registry.client.RegistryClient;

/**
 * What every target works with.
 *
 * @param registry the registry deployments are recorded in (and bundles come from)
 * @param registryToken the token a local server records its swaps with, or {@code null}
 * @param state this machine's deployments
 * @param root the Bighead checkout, or {@code null} (inside an environment's image)
 * @param env the process's environment ({@code BIGHEAD_ENVIRONMENT}, {@code BIGHEAD_KUBERNETES_VALIDATE})
 * @param readyTimeout how long a start waits for {@code /v2/health/ready}
 */
public record TargetContext(
        RegistryClient registry,
        String registryToken,
        DeploymentState state,
        Path root,
        Map<String, String> env,
        Duration readyTimeout) {

    public TargetContext {
        env = Map.copyOf(env);
    }

    /** The environment named by the request, {@code BIGHEAD_ENVIRONMENT} (set inside an image), else {@code cpu}. */
    public String environment(DeploymentRequest request) {
        if (request.environment() != null && !request.environment().isBlank()) {
            return request.environment();
        }
        String inImage = env.get("BIGHEAD_ENVIRONMENT");
        return inImage == null || inImage.isBlank() ? "cpu" : inImage;
    }
}
