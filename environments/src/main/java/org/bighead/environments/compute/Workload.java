package org.bighead.environments.compute;

import java.util.Map;

/**
 * A started environment: a container on local Docker, an instance on EC2. The handle {@link Compute} answers with.
 *
 * @param id the back end's id (container id, instance id)
 * @param backend {@code "docker"} or {@code "ec2"}
 * @param exitCode the process's exit code once it has exited, else {@code null}
 * @param address where the workload's ports answer: {@code 127.0.0.1} for a container on this host's network, the
 *     instance's private IP on EC2 ({@code null} until it has one)
 */
public record Workload(
        String id,
        String backend,
        String name,
        String image,
        String instanceType,
        State state,
        Integer exitCode,
        Map<String, String> labels,
        String address) {

    public Workload {
        labels = Map.copyOf(labels);
    }

    /** A workload whose address is not known. */
    public Workload(
            String id,
            String backend,
            String name,
            String image,
            String instanceType,
            State state,
            Integer exitCode,
            Map<String, String> labels) {
        this(id, backend, name, image, instanceType, state, exitCode, labels, null);
    }

    /** Where a workload is in its life; back ends map their own states onto these. */
    public enum State {
        PENDING,
        RUNNING,
        EXITED,
        STOPPED,
        UNKNOWN;

        public boolean isDone() {
            return this == EXITED || this == STOPPED;
        }
    }
}
