package org.bighead.productionize.deploy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to deploy and where. Build one with {@link #builder(String, String)}; everything but the name and the model
 * has a default.
 *
 * @param name the deployment's name ({@link DeploymentNames}): state file, container and Kubernetes objects
 * @param model a registry reference: {@code NAME@ALIAS} (local: follows the alias), {@code NAME/3} or {@code NAME}
 * @param target where it runs
 * @param port the port on this machine (local, docker); {@code null} picks a free one
 * @param environment the environment whose runtime image the serving image stands on (docker, k8s); {@code null}:
 *     {@code BIGHEAD_ENVIRONMENT} (set inside a notebook's image), else {@code cpu}
 * @param instanceType the instance type whose limits the container gets (docker); {@code null}: the whole host
 * @param manifests the folder the Kubernetes manifests are written to (k8s)
 * @param image the serving image the manifests name (k8s); {@code null}: built here like docker's
 * @param push whether the serving image built here is pushed to the image registry (setting {@code images.registry},
 *     else the one {@code ./bighead engine start} runs) and the manifests name the pushed reference (k8s)
 * @param replicas the Kubernetes Deployment's replicas, the autoscaler's minimum (k8s)
 * @param maxReplicas the autoscaler's maximum (k8s)
 * @param classpath jars a notebook added ({@code %maven}, {@code %jars}) that its model's code needs, after Bighead's
 *     on the serving process's class path (local)
 */
public record DeploymentRequest(
        String name,
        String model,
        Target target,
        Integer port,
        String environment,
        String instanceType,
        Path manifests,
        String image,
        boolean push,
        int replicas,
        int maxReplicas,
        java.util.List<Path> classpath) {

    public DeploymentRequest {
        classpath = classpath == null ? java.util.List.of() : java.util.List.copyOf(classpath);
        DeploymentNames.check(name);
        if (model == null || model.isBlank()) {
            throw new DeploymentException("deployment " + name + " needs a model: a registry reference such as"
                    + " listing-price@champion, listing-price/3 or listing-price");
        }
        Objects.requireNonNull(target, "target");
        if (port != null && (port < 1 || port > 65535)) {
            throw new DeploymentException("--port must be from 1 to 65535, got " + port);
        }
        if (target == Target.KUBERNETES && manifests == null) {
            throw new DeploymentException("a k8s deployment needs the folder to write its manifests to (--k8s DIR)");
        }
        if (push && target != Target.KUBERNETES) {
            throw new DeploymentException("--push goes with --k8s DIR: it sends the serving image to the image registry"
                    + " a cluster pulls from");
        }
        if (push && image != null) {
            throw new DeploymentException("--push pushes the serving image built here; with --image IMAGE there is"
                    + " none to push: give one or the other");
        }
        if (replicas < 1 || maxReplicas < replicas) {
            throw new DeploymentException(
                    "replicas must be at least 1 and at most the maximum, got " + replicas + " and " + maxReplicas);
        }
    }

    public static Builder builder(String name, String model) {
        return new Builder(name, model);
    }

    /** Collects the optional parts of a {@link DeploymentRequest}. */
    public static final class Builder {
        private final String name;
        private final String model;
        private Target target = Target.LOCAL;
        private Integer port;
        private String environment;
        private String instanceType;
        private Path manifests;
        private String image;
        private boolean push;
        private int replicas = 1;
        private int maxReplicas = 4;
        private java.util.List<Path> classpath = java.util.List.of();

        private Builder(String name, String model) {
            this.name = name;
            this.model = model;
        }

        public Builder target(Target value) {
            this.target = value;
            return this;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder environment(String value) {
            this.environment = value;
            return this;
        }

        public Builder instanceType(String value) {
            this.instanceType = value;
            return this;
        }

        /** The k8s target, writing to {@code folder}. */
        public Builder kubernetes(Path folder) {
            this.target = Target.KUBERNETES;
            this.manifests = folder;
            return this;
        }

        public Builder image(String value) {
            this.image = value;
            return this;
        }

        /** Push the serving image built here to the image registry, and name the pushed reference (k8s). */
        public Builder push(boolean value) {
            this.push = value;
            return this;
        }

        /** Jars beside Bighead's on the serving process's class path (local). */
        public Builder classpath(java.util.List<Path> value) {
            this.classpath = value;
            return this;
        }

        public Builder replicas(int min, int max) {
            this.replicas = min;
            this.maxReplicas = max;
            return this;
        }

        public DeploymentRequest build() {
            return new DeploymentRequest(
                    name,
                    model,
                    target,
                    port,
                    environment,
                    instanceType,
                    manifests,
                    image,
                    push,
                    replicas,
                    maxReplicas,
                    classpath);
        }
    }
}
