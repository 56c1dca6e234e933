package org.bighead.environments.compute.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.hardware.InstanceType;

/**
 * A {@link LaunchSpec} as a container, as pure data: the limits of its instance type, its labels, its GPUs. Checked
 * against what the host has before anything is created.
 */
public final class ContainerSpecs {
    /** Label listing the GPU ids a container holds, so that the next one gets others. */
    public static final String GPUS = "org.bighead.gpus";

    public static final String INSTANCE_TYPE = "org.bighead.instance-type";

    private ContainerSpecs() {}

    /** What the host offers. */
    public record Host(int cpus, long memoryBytes, int gpus) {}

    /**
     * A container's settings.
     *
     * @param nanoCpus CPU limit (vCPUs × 10⁹), or 0 for none
     * @param memoryBytes memory limit, or 0 for none
     * @param gpuIds GPU ids given to the container (empty: none)
     */
    public record ContainerSpec(
            String image,
            String name,
            List<String> command,
            List<String> env,
            Map<String, String> labels,
            long nanoCpus,
            long memoryBytes,
            List<String> gpuIds,
            List<LaunchSpec.Volume> volumes,
            List<LaunchSpec.Mount> mounts) {}

    /**
     * Why {@code type} cannot run on {@code host} at all (more GPUs, vCPUs or memory than it has), or empty when it
     * fits. What the hub's form greys out for the local back end.
     */
    public static java.util.Optional<String> unfit(InstanceType type, Host host) {
        if (type.gpus() > host.gpus()) {
            return java.util.Optional.of(
                    host.gpus() == 0
                            ? type.gpus() + " GPU(s); this host has none"
                            : type.gpus() + " GPU(s); this host has " + host.gpus());
        }
        long memory = type.memoryMib() * 1024 * 1024;
        if (type.vcpus() > host.cpus() || memory > host.memoryBytes()) {
            return java.util.Optional.of(String.format(
                    java.util.Locale.ROOT,
                    "%d vCPUs, %.0f GiB; this host has %d vCPUs, %.1f GiB",
                    type.vcpus(),
                    type.memoryMib() / 1024.0,
                    host.cpus(),
                    host.memoryBytes() / (1024.0 * 1024 * 1024)));
        }
        return java.util.Optional.empty();
    }

    /**
     * The container for {@code spec} on {@code host}; {@code gpusInUse} are the GPU ids Bighead's running containers
     * hold.
     *
     * @throws ComputeException when the type is larger than the host, saying what the host has
     */
    public static ContainerSpec of(LaunchSpec spec, Host host, Set<String> gpusInUse) {
        InstanceType type = spec.instanceType();
        long memory = type.memoryMib() * 1024 * 1024;
        List<String> gpuIds = new ArrayList<>();
        if (type.gpus() > 0) {
            if (host.gpus() == 0) {
                throw new ComputeException(type.name() + " has " + type.gpus() + " GPU(s) and this host has none:"
                        + " run it where a GPU exists (the EC2 back end), or pick a CPU type");
            }
            Set<String> free = new TreeSet<>();
            for (int i = 0; i < host.gpus(); i++) {
                if (!gpusInUse.contains(Integer.toString(i))) {
                    free.add(Integer.toString(i));
                }
            }
            if (free.size() < type.gpus()) {
                throw new ComputeException(type.name() + " needs " + type.gpus() + " GPU(s); " + free.size() + " of "
                        + host.gpus() + " on this host are free (" + gpusInUse.size() + " held by other workloads)");
            }
            free.stream().limit(type.gpus()).forEach(gpuIds::add);
        }
        if (type.vcpus() > host.cpus() || memory > host.memoryBytes()) {
            throw new ComputeException(String.format(
                    "%s needs %d vCPUs and %,d MiB; this host has %d vCPUs and %,d MiB: pick a type that fits"
                            + " (./bighead hardware list)",
                    type.name(), type.vcpus(), type.memoryMib(), host.cpus(), host.memoryBytes() / (1024 * 1024)));
        }
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(Compute.MANAGED_BY, "bighead");
        labels.put(INSTANCE_TYPE, type.name());
        if (!gpuIds.isEmpty()) {
            labels.put(GPUS, String.join(",", gpuIds));
        }
        List<String> env = spec.env().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        return new ContainerSpec(
                spec.image(),
                spec.name(),
                spec.command(),
                env,
                labels,
                type.vcpus() * 1_000_000_000L,
                memory,
                gpuIds,
                spec.volumes(),
                spec.mounts());
    }
}
