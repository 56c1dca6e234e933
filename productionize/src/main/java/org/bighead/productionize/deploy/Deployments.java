package org.bighead.productionize.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.bighead.config.Settings;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;

/**
 * The serve step of export, and {@code ./bighead deployments}: starts a registered version serving (a process on
 * this machine, a container on the compute layer, or Kubernetes manifests), records it in the registry, lists and
 * stops what runs on this machine. What a start made is gone again when it fails: the process or container, its
 * state file, the manifests.
 *
 * <pre>{@code
 * Deployments deployments = Deployments.fromEnvironment();
 * Deployment d = deployments.start(
 *         DeploymentRequest.builder("listing-price", "listing-price@champion").build(), System.out::println);
 * d.endpoint();   // http://127.0.0.1:41234/v2/models/listing-price/predict
 * deployments.stop("listing-price");
 * }</pre>
 */
public final class Deployments {
    /** How long a start waits for {@code /v2/health/ready} (a first {@code ./bighead serve} may build first). */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final RegistryClient registry;
    private final DeploymentState state;
    private final Path root;
    private final TargetContext context;
    private final Map<Target, DeploymentTarget> targets = new EnumMap<>(Target.class);
    private final Optional<EngineTargets> engineTargets;

    /**
     * Deployments recorded in {@code registry}, with their state files in {@code state}.
     *
     * @param registryToken the token the local target's {@code serve} records its swaps with, or {@code null}
     * @param root the Bighead checkout (catalog, built jars, {@code ./bighead}), or {@code null} inside an image
     * @param env the process's environment ({@code BIGHEAD_ENVIRONMENT}, {@code BIGHEAD_KUBERNETES_VALIDATE})
     * @param readyTimeout how long a start waits for the endpoint
     */
    public Deployments(
            RegistryClient registry,
            String registryToken,
            DeploymentState state,
            Path root,
            Map<String, String> env,
            Duration readyTimeout) {
        this.registry = registry;
        this.state = state;
        this.root = root;
        this.context = new TargetContext(registry, registryToken, state, root, env, readyTimeout);
        this.engineTargets = ServiceLoader.load(EngineTargets.class, Deployments.class.getClassLoader())
                .findFirst();
    }

    /** A target, made on first use. */
    private synchronized DeploymentTarget target(Target target) {
        return targets.computeIfAbsent(target, this::create);
    }

    private DeploymentTarget create(Target target) {
        return switch (target) {
            case LOCAL ->
                new LocalProcessTarget(
                        state,
                        ServeLauncher::ofThisProcess,
                        registry.url(),
                        context.registryToken(),
                        context.readyTimeout());
            case DOCKER -> engineTargets.map(e -> e.docker(context)).orElseGet(() -> commandLine(Target.DOCKER));
            case KUBERNETES ->
                new KubernetesTarget(this::images, KubernetesValidator.find(context.env(), root), context);
        };
    }

    /**
     * Where no image engine is on the class path (the kernel's), the checkout's {@code ./bighead deployments} has
     * one: it runs the target in a JVM of its own.
     */
    private DeploymentTarget commandLine(Target target) {
        if (root == null || "1".equals(context.env().get(CommandLineTarget.NESTED))) {
            throw new DeploymentException("a " + target.label() + " deployment needs an image engine (the"
                    + " environments module, docker-java), which this process does not have: run it from a Bighead"
                    + " checkout's ./bighead deployments (BIGHEAD_ROOT)");
        }
        return new CommandLineTarget(target, root, registry.url());
    }

    private ServingImageBuilder images() {
        return engineTargets
                .map(e -> e.images(context))
                .orElseThrow(() -> new DeploymentException("building a serving image needs an image engine (the"
                        + " environments module, docker-java), which this process does not have: run ./bighead"
                        + " deployments start ... --k8s DIR, or give --image"));
    }

    /**
     * As this process is configured: the registry from {@code BIGHEAD_REGISTRY_URL} (or {@code ~/.bighead/
     * config.json}'s {@code registry.url}), its token likewise, the state under {@code $BIGHEAD_HOME}, the checkout
     * from {@code BIGHEAD_ROOT} or {@code -Dbighead.root}.
     */
    public static Deployments fromEnvironment() {
        Settings settings = Settings.load();
        return of(settings.get("registry.url").orElse(RegistryClient.DEFAULT_URL), settings);
    }

    /** As {@link #fromEnvironment()}, with the registry at {@code registryUrl}. */
    public static Deployments of(String registryUrl, Settings settings) {
        String token = settings.get("registry.token").orElse(null);
        Map<String, String> env = System.getenv();
        return new Deployments(
                new RegistryClient(registryUrl, token, Duration.ofSeconds(10)),
                token,
                new DeploymentState(DeploymentState.defaultDir(env)),
                root(env, System.getProperty("bighead.root")),
                env,
                READY_TIMEOUT);
    }

    /** The Bighead checkout: {@code BIGHEAD_ROOT}, else {@code -Dbighead.root}, when it holds {@code bighead}. */
    static Path root(Map<String, String> env, String property) {
        for (String candidate : new String[] {env.get("BIGHEAD_ROOT"), property}) {
            if (candidate != null && !candidate.isBlank() && Files.exists(Path.of(candidate, "bighead"))) {
                return Path.of(candidate).toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /**
     * Starts {@code request}: resolves the model in the registry, starts it on its target, waits until it answers
     * (or its manifests validate), records it in the registry. Each finished step goes to {@code listener}.
     *
     * @throws DeploymentException in one line; whatever the call made is gone again
     */
    public Deployment start(DeploymentRequest request, Listener listener) {
        if (request.target() != Target.KUBERNETES) {
            Optional<Deployment> existing = state.find(request.name());
            if (existing.isPresent()) {
                Deployment old = existing.get();
                if (target(old).running(old)) {
                    throw new DeploymentException("deployment " + request.name() + " runs already (" + old.target()
                            + ", " + old.url() + "): stop it first (./bighead deployments stop " + request.name()
                            + ") or pick another name");
                }
                state.delete(request.name()); // a dead one's leftovers: the name is free
            }
        }
        if (request.target() != Target.KUBERNETES && request.port() != null) {
            Ports.requireFree(request.port()); // the cheap check first; the target checks again when it starts
        }
        long t0 = System.nanoTime();
        Version version = resolve(request.model());
        listener.step(new Listener.Step(
                "resolve",
                "resolved " + request.model() + " to " + version.model() + " v" + version.version(),
                (System.nanoTime() - t0) / 1_000_000));
        DeploymentTarget target = request.target() == Target.KUBERNETES
                        && (request.image() == null || request.image().isBlank())
                        && engineTargets.isEmpty()
                        && root != null
                ? commandLine(Target.KUBERNETES)
                : target(request.target());
        Deployment deployment = target.start(request, version, listener);
        long t1 = System.nanoTime();
        try {
            registry.recordDeployment(
                    version.model(),
                    version.version(),
                    ModelRef.parse(request.model()).alias(),
                    deployment.url(),
                    target.registryKind(),
                    deployment.status());
        } catch (RegistryException e) {
            target.rollback(deployment);
            state.delete(request.name());
            throw new DeploymentException(
                    "could not record deployment " + request.name() + " in the registry at " + registry.url() + " ("
                            + e.getMessage() + "): undone, nothing of it is left",
                    e);
        }
        listener.step(new Listener.Step(
                "record",
                "recorded in the registry: " + version.model() + " v" + version.version() + " " + deployment.status()
                        + " at " + deployment.url(),
                (System.nanoTime() - t1) / 1_000_000));
        return deployment;
    }

    /** What {@link #startOrKeep} did: started {@code deployment}, or found it already serving the reference. */
    public record Outcome(Deployment deployment, boolean started) {}

    /**
     * As {@link #start}, except that when deployment {@code request.name()} already runs the same reference on the
     * same target it is kept as it is ({@code started} false): a local process follows its alias and swaps by
     * itself. The export flow's serve step calls this.
     */
    public Outcome startOrKeep(DeploymentRequest request, Listener listener) {
        if (request.target() != Target.KUBERNETES) {
            Optional<Deployment> existing = state.find(request.name());
            if (existing.isPresent()) {
                Deployment old = existing.get();
                if (old.modelRef().equals(request.model())
                        && old.target().equals(request.target().label())
                        && (request.port() == null || request.port().equals(old.port()))
                        && target(old).running(old)) {
                    listener.step(new Listener.Step(
                            "keep",
                            "deployment " + old.name() + " already serves " + old.modelRef() + " at " + old.url(),
                            0));
                    return new Outcome(old, false);
                }
            }
        }
        return new Outcome(start(request, listener), true);
    }

    /**
     * Undoes what {@link #start} made, for a flow whose later step failed: stops the process or container and
     * removes its state file, or removes the manifests' file; records it stopped in the registry (best effort).
     */
    public void undo(Deployment deployment, Listener listener) {
        DeploymentTarget target = target(deployment);
        target.rollback(deployment);
        if (!deployment.target().equals(Target.KUBERNETES.label())) {
            state.delete(deployment.name());
        }
        recordStopped(deployment, target, listener);
    }

    private Version resolve(String model) {
        ModelRef ref;
        try {
            ref = ModelRef.parse(model);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        try {
            return registry.resolve(ref);
        } catch (RegistryException e) {
            if (e.status() == 0) {
                throw new DeploymentException(
                        "the registry at " + registry.url() + " does not answer: start it (./bighead registry"
                                + " serve) or name another (--registry URL, BIGHEAD_REGISTRY_URL)",
                        e);
            }
            throw new DeploymentException("cannot deploy " + model + ": " + e.getMessage(), e);
        }
    }

    /** The deployments on this machine (local processes, containers), each with its status now. */
    public List<Deployment> list() {
        List<Deployment> out = new ArrayList<>();
        for (Deployment d : state.list()) {
            out.add(d.withStatus(status(d)));
        }
        return out;
    }

    /** One deployment on this machine, with its status now. */
    public Optional<Deployment> find(String name) {
        return state.find(name).map(d -> d.withStatus(status(d)));
    }

    private String status(Deployment d) {
        try {
            return target(d).running(d) ? "running" : "stopped";
        } catch (DeploymentException e) {
            return "unknown";
        }
    }

    /**
     * Stops deployment {@code name} (its process or container), removes its state file, and records it stopped in
     * the registry (a registry that does not answer gets a note in {@code listener}; the deployment stops anyway).
     */
    public Deployment stop(String name, Listener listener) {
        Deployment d = require(name);
        long t0 = System.nanoTime();
        target(d).stop(d);
        state.delete(name);
        listener.step(new Listener.Step(
                "stop",
                "stopped " + name + " (" + d.target() + ", " + d.url() + ")",
                (System.nanoTime() - t0) / 1_000_000));
        recordStopped(d, target(d), listener);
        return d.withStatus("stopped");
    }

    private void recordStopped(Deployment d, DeploymentTarget target, Listener listener) {
        try {
            registry.recordDeployment(
                    d.model(),
                    d.version(),
                    ModelRef.parse(d.modelRef()).alias(),
                    d.url(),
                    target.registryKind(),
                    "stopped");
        } catch (RegistryException | IllegalArgumentException e) {
            listener.step(new Listener.Step(
                    "note", "not recorded as stopped in the registry at " + registry.url() + ": " + e.getMessage(), 0));
        }
    }

    /** {@link #stop(String, Listener)} without a listener. */
    public Deployment stop(String name) {
        return stop(name, Listener.NONE);
    }

    /** The last {@code lines} lines of deployment {@code name}'s output. */
    public String logs(String name, int lines) {
        Deployment d = require(name);
        return target(d).logs(d, lines);
    }

    private Deployment require(String name) {
        DeploymentNames.check(name);
        return state.find(name)
                .orElseThrow(() ->
                        new DeploymentException("no deployment " + name + " on this machine (" + describeAll() + ")"));
    }

    private String describeAll() {
        List<Deployment> all = state.list();
        return all.isEmpty()
                ? "none runs: ./bighead deployments start NAME --model REF starts one"
                : "deployments: " + all.stream().map(Deployment::name).collect(Collectors.joining(", "));
    }

    private DeploymentTarget target(Deployment d) {
        return target(Target.parse(d.target()));
    }
}
