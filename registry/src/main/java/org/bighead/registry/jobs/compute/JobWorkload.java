package org.bighead.registry.jobs.compute;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a job run starts on a compute back end: an environment image on an instance type, running a command. Pure
 * data, the registry's side of the compute service's {@code POST /api/workloads}.
 *
 * @param mounts host paths visible at the same path inside (the docker back end only: EC2 cannot see this machine)
 * @param labels labels (Docker) or tags (EC2) that say whose workload it is
 * @param name a readable name, unique on the back end
 */
public record JobWorkload(
        String image,
        String instanceType,
        List<String> command,
        Map<String, String> env,
        List<Mount> mounts,
        Map<String, String> labels,
        String name) {

    public JobWorkload {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(instanceType, "instanceType");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /** An absolute host path, read-only or not. */
    public record Mount(String path, boolean readOnly) {}
}
