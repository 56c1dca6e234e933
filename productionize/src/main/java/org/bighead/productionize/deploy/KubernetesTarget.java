package org.bighead.productionize.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.bighead.registry.client.Version;

/**
 * Kubernetes manifests of the version's serving image, written to a folder ({@code NAME.yaml}: Deployment, Service,
 * HorizontalPodAutoscaler) and validated against the Kubernetes schema before the call returns; an invalid file is
 * removed again. Nothing runs on this machine: {@code kubectl apply -f DIR} is the cluster owner's step. The image
 * is the one given, else the serving image built here as the docker target builds it.
 */
final class KubernetesTarget implements DeploymentTarget {
    private final Supplier<ServingImageBuilder> images;
    private final Optional<KubernetesValidator> validator;
    private final TargetContext context;

    /** @param images the image builder, asked for only when no {@code --image} is given */
    KubernetesTarget(
            Supplier<ServingImageBuilder> images, Optional<KubernetesValidator> validator, TargetContext context) {
        this.images = images;
        this.validator = validator;
        this.context = context;
    }

    @Override
    public String registryKind() {
        return "kubernetes";
    }

    @Override
    public Deployment start(DeploymentRequest request, Version version, Listener listener) {
        String image = request.image();
        Long overBase = null;
        if (image == null || image.isBlank()) {
            ServingImageBuilder.Built built =
                    images.get().build(context.environment(request), version, request.push(), listener);
            image = built.reference();
            overBase = built.overBase();
        }
        long t0 = System.nanoTime();
        var spec = KubernetesManifests.Spec.of(
                request.name(), image, version.model(), version.version(), request.replicas(), request.maxReplicas());
        Path dir = request.manifests().toAbsolutePath().normalize();
        Path file = dir.resolve(request.name() + ".yaml");
        write(dir, file, KubernetesManifests.yaml(spec));
        listener.step(new Listener.Step(
                "manifests",
                "wrote " + file + " (Deployment, Service, HorizontalPodAutoscaler)",
                (System.nanoTime() - t0) / 1_000_000));
        long t1 = System.nanoTime();
        if (validator.isPresent()) {
            Optional<String> problem = validator.get().validate(file);
            if (problem.isPresent()) {
                deleteQuietly(file);
                throw new DeploymentException("the manifests do not validate against Kubernetes "
                        + KubernetesValidator.KUBERNETES_VERSION + " (removed " + file + "): " + problem.get());
            }
            listener.step(new Listener.Step(
                    "validate",
                    "valid against the Kubernetes " + KubernetesValidator.KUBERNETES_VERSION + " schema (strict)",
                    (System.nanoTime() - t1) / 1_000_000));
        } else {
            listener.step(new Listener.Step(
                    "note",
                    "not validated: kubernetes-validate is not installed (./bighead deployments start --k8s installs"
                            + " it into .bighead/k8s-venv; BIGHEAD_KUBERNETES_VALIDATE names another)",
                    0));
        }
        String url = KubernetesManifests.clusterUrl(request.name());
        return new Deployment(
                request.name(),
                Target.KUBERNETES.label(),
                version.model(),
                request.model(),
                version.version(),
                url,
                Deployment.endpointOf(url, version.model()),
                null,
                null,
                null,
                null,
                image,
                overBase,
                file.toString(),
                null,
                context.registry().url(),
                Instant.now().toString(),
                "written");
    }

    /** Through a temporary file and a rename: the folder never holds half a manifest. */
    private static void write(Path dir, Path file, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeploymentException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean running(Deployment deployment) {
        return deployment.manifests() != null && Files.isRegularFile(Path.of(deployment.manifests()));
    }

    /** The manifests are the cluster owner's once written; stopping the deployment is {@code kubectl delete}. */
    @Override
    public void stop(Deployment deployment) {}

    @Override
    public void rollback(Deployment deployment) {
        deleteQuietly(Path.of(deployment.manifests()));
    }

    @Override
    public String logs(Deployment deployment, int lines) {
        throw new DeploymentException("deployment " + deployment.name() + " runs in Kubernetes: kubectl logs"
                + " deployment/" + deployment.name());
    }
}
