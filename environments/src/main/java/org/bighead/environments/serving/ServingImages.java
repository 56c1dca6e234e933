package org.bighead.environments.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bighead.environments.DerivedEnvironments;
import org.bighead.environments.Environments;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.engine.EngineUnavailableException;
import org.bighead.environments.image.ImageBuildException;
import org.bighead.environments.image.ImageBuilder;
import org.bighead.environments.image.ImagePush;
import org.bighead.environments.image.ImageSpec;
import org.bighead.environments.image.ImageSpecs.Flavor;
import org.bighead.productionize.deploy.DeploymentException;
import org.bighead.productionize.deploy.Listener;
import org.bighead.productionize.deploy.ServingImageBuilder;
import org.bighead.productionize.deploy.TargetContext;
import org.bighead.registry.client.ModelBundle;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;

/**
 * Builds a version's serving image ({@link ServingImageSpecs}) on an engine: the environment's runtime image first
 * (the environments module's build, "up to date" when it exists), then the one model layer. A failed build leaves no
 * image: the engine tags only what it finished, and its intermediate containers are removed.
 */
public final class ServingImages implements ServingImageBuilder {
    private final Path root;
    private final RegistryClient registry;
    private final String debianBase;
    private final String imageRegistry;
    private final String user;

    /** The images of {@code context}'s registry and checkout, with the settings {@code images.*}. */
    public static ServingImages of(TargetContext context) {
        org.bighead.config.Settings settings = org.bighead.config.Settings.load();
        return new ServingImages(
                context.root(),
                context.registry(),
                settings.get("images.debian-base").orElse(null),
                settings.get("images.registry").orElse(null),
                System.getProperty("user.name", "unknown"));
    }

    /**
     * @param debianBase setting {@code images.debian-base}, or {@code null}
     * @param imageRegistry setting {@code images.registry} ({@code HOST:PORT}), or {@code null}: the one
     *     {@code ./bighead engine start} runs
     */
    ServingImages(Path root, RegistryClient registry, String debianBase, String imageRegistry, String user) {
        this.root = root;
        this.registry = registry;
        this.debianBase = debianBase;
        this.imageRegistry = imageRegistry;
        this.user = user;
    }

    /** The engine Bighead uses: DOCKER_HOST, the default socket, else the checkout's own. */
    DockerEngine engine() {
        try {
            return DockerEngine.connect(root);
        } catch (EngineUnavailableException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
    }

    /** Pushes {@code reference} to the image registry; the pushed reference. */
    String push(DockerEngine engine, String reference, Listener listener) {
        long t0 = System.nanoTime();
        String pushed;
        try {
            String to = ImagePush.registry(imageRegistry, root == null ? Path.of(".") : root);
            pushed = ImagePush.push(
                    engine, reference, to, line -> listener.step(new Listener.Step("progress", line, 0)));
        } catch (IllegalArgumentException | ImageBuildException e) {
            throw new DeploymentException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while pushing " + reference, e);
        }
        listener.step(new Listener.Step("push", "pushed " + pushed, (System.nanoTime() - t0) / 1_000_000));
        return pushed;
    }

    /** A built (or found) serving image, with its size over the environment's runtime image. */
    record Image(String reference, String baseImage, boolean upToDate, long millis, long sizeBytes, long overBase) {}

    @Override
    public Built build(String environment, Version version, boolean push, Listener listener) {
        try (DockerEngine engine = engine()) {
            Image image = build(engine, environment, version, listener);
            return new Built(push ? push(engine, image.reference(), listener) : image.reference(), image.overBase());
        }
    }

    Image build(DockerEngine engine, String environment, Version version, Listener listener) {
        if (root == null) {
            throw new DeploymentException("building a serving image needs a Bighead checkout (its catalog and jars):"
                    + " set BIGHEAD_ROOT, or give the image with --image");
        }
        long t0 = System.nanoTime();
        Environments environments = new Environments(root, derived(listener), debianBase);
        Environments.Built base;
        try {
            environments.effective(environment); // an unknown name fails before anything is built
            base = environments
                    .build(
                            engine,
                            environment,
                            List.of(Flavor.RUNTIME),
                            user,
                            line -> listener.step(new Listener.Step("progress", line, 0)))
                    .get(0);
        } catch (CatalogException | IllegalStateException e) {
            throw new DeploymentException(e.getMessage(), e); // an unknown environment, a checkout not built
        } catch (ImageBuildException e) {
            throw new DeploymentException(
                    "the runtime image of environment " + environment + " did not build: " + e.getMessage(), e);
        }
        listener.step(new Listener.Step(
                "environment",
                "environment " + environment + ": " + base.result().reference()
                        + (base.result().upToDate() ? " (up to date)" : " (built)"),
                (System.nanoTime() - t0) / 1_000_000));

        long t1 = System.nanoTime();
        ModelBundle bundle;
        try {
            bundle = ModelBundle.fetch(registry, version, ModelBundle.defaultCache());
        } catch (IOException | RegistryException e) {
            throw new DeploymentException(
                    "could not download " + version.model() + " v" + version.version() + " from the registry at "
                            + registry.url() + ": " + e.getMessage(),
                    e);
        }
        ImageSpec spec = ServingImageSpecs.render(base.result().reference(), environment, bundle);
        ImageBuilder.Result result;
        try {
            result = new ImageBuilder(engine)
                    .build(
                            spec,
                            Map.of("org.bighead.spec-hash", spec.hash(), "org.bighead.created-by", user),
                            line -> listener.step(new Listener.Step("progress", line, 0)));
        } catch (ImageBuildException e) {
            throw new DeploymentException(
                    "the serving image of " + version.model() + " v" + version.version()
                            + " did not build (nothing was kept): " + e.getMessage(),
                    e);
        }
        long overBase = result.sizeBytes() - base.result().sizeBytes();
        listener.step(new Listener.Step(
                "image",
                String.format(
                        java.util.Locale.ROOT,
                        "serving image %s %s: %.1f MB over the environment's image",
                        result.reference(),
                        result.upToDate() ? "up to date" : "built",
                        overBase / 1e6),
                (System.nanoTime() - t1) / 1_000_000));
        return new Image(
                result.reference(),
                base.result().reference(),
                result.upToDate(),
                result.millis(),
                result.sizeBytes(),
                overBase);
    }

    /** The registry's derived environments; without them when it does not list them (the catalog's still work). */
    private List<EnvironmentSpec> derived(Listener listener) {
        try {
            return DerivedEnvironments.specs(
                    new DerivedEnvironments(registry).records(),
                    note -> listener.step(new Listener.Step("note", note, 0)));
        } catch (RegistryException e) {
            return List.of();
        }
    }
}
