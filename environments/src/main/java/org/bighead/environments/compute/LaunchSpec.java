package org.bighead.environments.compute;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bighead.environments.hardware.InstanceType;

/**
 * What to start: an environment's image on a piece of hardware, running a command. Pure data; each back end turns it
 * into its own request (a container, an EC2 instance). Build one with {@link #builder(String, InstanceType)}.
 *
 * @param image an image reference ({@code bighead/env-cpu:3f2a…} locally, {@code REGISTRY/…} for EC2)
 * @param command the command to run; empty means the image's default
 * @param env environment variables of the process
 * @param volumes named volumes to mount
 * @param mounts folders or files of the machine the back end runs on, at the same path inside (local Docker only:
 *     an EC2 instance cannot see this machine's files, so that back end refuses them)
 * @param labels labels (Docker) or tags (EC2), for {@link Compute#list(Map)} and for the sweeper
 * @param name a readable name, unique on the back end, or {@code null} for a generated one
 */
public record LaunchSpec(
        String image,
        InstanceType instanceType,
        List<String> command,
        Map<String, String> env,
        List<Volume> volumes,
        List<Mount> mounts,
        Map<String, String> labels,
        String name) {

    public LaunchSpec {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(instanceType, "instanceType");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        volumes = List.copyOf(volumes);
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /** A named volume mounted at {@code path}; created when missing, kept after the workload stops. */
    public record Volume(String name, String path) {
        public Volume {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }

    /** A host path (absolute) visible at the same path inside, read-only or not: a job's data and its run folder. */
    public record Mount(String path, boolean readOnly) {
        public Mount {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a mount's path must be absolute, not '" + path + "'");
            }
        }
    }

    public static Builder builder(String image, InstanceType instanceType) {
        return new Builder(image, instanceType);
    }

    /** Collects the optional parts of a {@link LaunchSpec}. */
    public static final class Builder {
        private final String image;
        private final InstanceType instanceType;
        private List<String> command = List.of();
        private final Map<String, String> env = new java.util.LinkedHashMap<>();
        private final List<Volume> volumes = new java.util.ArrayList<>();
        private final List<Mount> mounts = new java.util.ArrayList<>();
        private final Map<String, String> labels = new java.util.LinkedHashMap<>();
        private String name;

        private Builder(String image, InstanceType instanceType) {
            this.image = image;
            this.instanceType = instanceType;
        }

        public Builder command(List<String> command) {
            this.command = List.copyOf(command);
            return this;
        }

        public Builder command(String... command) {
            return command(List.of(command));
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder volume(String volumeName, String path) {
            volumes.add(new Volume(volumeName, path));
            return this;
        }

        public Builder mount(String path, boolean readOnly) {
            mounts.add(new Mount(path, readOnly));
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> more) {
            labels.putAll(more);
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public LaunchSpec build() {
            return new LaunchSpec(image, instanceType, command, env, volumes, mounts, labels, name);
        }
    }
}
