package org.bighead.productionize;

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
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;

/**
 * The export's serve step on this machine's {@link Deployments}: a local serving process, a container of the
 * serving image, or Kubernetes manifests, named after the model; an export of a model that already runs that
 * reference keeps it (it follows the alias and swaps by itself).
 */
public final class ExportDeployer implements Deployer {
    private static final Listener QUIET = step -> {};
    /** The environment a notebook runs in when it does not say (a workstation's kernel). */
    static final String DEFAULT_ENVIRONMENT = "cpu";

    private final Deployments deployments;
    private final RegistryClient registry;
    private final Map<String, Deployment> started = new ConcurrentHashMap<>();

    public ExportDeployer(Deployments deployments, RegistryClient registry) {
        this.deployments = deployments;
        this.registry = registry;
    }

    /** Deployments recorded in the registry at {@code registryUrl}, with this user's settings (token, state). */
    public static ExportDeployer of(String registryUrl) {
        Settings settings = Settings.load();
        return new ExportDeployer(
                Deployments.of(registryUrl, settings),
                new RegistryClient(registryUrl, settings.get("registry.token").orElse(null)));
    }

    @Override
    public Deployed deploy(String name, String modelRef, ExportRequest.Serve serve, Provenance provenance) {
        DeploymentRequest.Builder request = DeploymentRequest.builder(DeploymentNames.fromModel(name), modelRef)
                .port(serve.port() == 0 ? null : serve.port())
                .classpath(provenance.classpath());
        switch (serve.target()) {
            case DOCKER -> request.target(Target.DOCKER).environment(environment(serve, provenance));
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

    /**
     * The environment a serving image builds on: the one asked for, else the notebook's; when the notebook added Maven
     * coordinates ({@code %maven}), an environment derived from it with them, as {@code %bighead env create} records
     * one (named by its content, so every export of the same notebook setup shares it and its built image).
     */
    String environment(ExportRequest.Serve serve, Provenance provenance) {
        String base = serve.environment() != null
                ? serve.environment()
                : provenance.environment() != null ? provenance.environment() : DEFAULT_ENVIRONMENT;
        if (provenance.dependencies().isEmpty()) {
            return base;
        }
        List<String> maven = List.copyOf(new java.util.TreeSet<>(provenance.dependencies()));
        String name = "export-" + shortHash(base + " " + String.join(" ", maven));
        try {
            registry.environment(name);
            return name; // made by an earlier export of the same setup
        } catch (RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        String description = base + " with the notebook's " + String.join(", ", maven);
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("name", name);
        spec.put("description", description);
        spec.put("from", base);
        spec.put("maven", maven);
        spec.put("pip", List.of());
        spec.put("apt", List.of());
        registry.createEnvironment(name, base, description, spec);
        return name;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void remove(Deployed deployed) {
        Deployment d = started.remove(deployed.name());
        if (d != null) {
            deployments.undo(d, QUIET);
        }
    }
}
