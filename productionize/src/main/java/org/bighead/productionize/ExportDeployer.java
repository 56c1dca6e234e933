package org.bighead.productionize;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bighead.config.Settings;
import org.bighead.productionize.deploy.Deployment;
import org.bighead.productionize.deploy.DeploymentNames;
import org.bighead.productionize.deploy.DeploymentRequest;
import org.bighead.productionize.deploy.Deployments;
import org.bighead.productionize.deploy.Listener;
import org.bighead.productionize.deploy.Target;

/**
 * The export's serve step on this machine's {@link Deployments}: a local serving process, a container of the
 * serving image, or Kubernetes manifests, named after the model; an export of a model that already runs that
 * reference keeps it (it follows the alias and swaps by itself).
 */
public final class ExportDeployer implements Deployer {
    private static final Listener QUIET = step -> {};
    private final Deployments deployments;
    private final Map<String, Deployment> started = new ConcurrentHashMap<>();

    public ExportDeployer(Deployments deployments) {
        this.deployments = deployments;
    }

    /** Deployments recorded in the registry at {@code registryUrl}, with this user's settings (token, state). */
    public static ExportDeployer of(String registryUrl) {
        return new ExportDeployer(Deployments.of(registryUrl, Settings.load()));
    }

    @Override
    public Deployed deploy(String name, String modelRef, ExportRequest.Serve serve, List<Path> classpath) {
        DeploymentRequest.Builder request = DeploymentRequest.builder(DeploymentNames.fromModel(name), modelRef)
                .port(serve.port() == 0 ? null : serve.port())
                .classpath(classpath);
        switch (serve.target()) {
            case DOCKER -> request.target(Target.DOCKER).environment(serve.environment());
            case KUBERNETES -> request.kubernetes(serve.manifests());
            case LOCAL -> request.target(Target.LOCAL);
        }
        Deployments.Outcome outcome = deployments.startOrKeep(request.build(), QUIET);
        Deployment d = outcome.deployment();
        if (outcome.started()) {
            started.put(d.name(), d);
        }
        String where = d.manifests() != null ? d.manifests() : d.endpoint();
        return new Deployed(d.name(), d.target(), where, outcome.started(), d.url());
    }

    @Override
    public void remove(Deployed deployed) {
        Deployment d = started.remove(deployed.name());
        if (d != null) {
            deployments.undo(d, QUIET);
        }
    }
}
