package org.bighead.environments.compute;

import java.util.List;
import java.util.Map;

/**
 * Starts environments on hardware and looks after them: one API, a back end per place things run (local Docker,
 * AWS EC2). The hub, export and scheduled jobs use it; none of them knows which back end answers.
 *
 * <p>Every workload a back end starts carries the label {@link #MANAGED_BY} = {@code "bighead"} besides the caller's,
 * so Bighead's own can be listed and swept without touching anything else.
 */
public interface Compute extends AutoCloseable {

    /** Label (tag) on everything Bighead starts. */
    String MANAGED_BY = "org.bighead.managed-by";
    /** Label (tag) naming who a workload belongs to: a user, a deployment, a job. */
    String OWNER = "org.bighead.owner";
    /** Label (tag) saying what a workload is for: notebook, serving, job. */
    String PURPOSE = "org.bighead.purpose";

    /** {@code "docker"} or {@code "ec2"}. */
    String backend();

    /**
     * Starts {@code spec}. On failure nothing the call created is left behind (no container, volume it made, or
     * instance).
     *
     * @throws ComputeException with a message a person understands
     */
    Workload start(LaunchSpec spec);

    /** The workload's current state; {@link ComputeException} when no such workload exists. */
    Workload status(String id);

    /** The last {@code tailLines} lines of the workload's output (stdout and stderr, interleaved). */
    String logs(String id, int tailLines);

    /** Stops the workload and removes what it used (the container, the instance); named volumes stay. */
    void stop(String id);

    /**
     * Removes the named volume (a user's home) for good; false when there was none. Back ends whose volumes live
     * and die with their workload (EC2: on the instance's disk) have nothing to remove.
     */
    default boolean deleteVolume(String name) {
        return false;
    }

    /** Bighead's workloads on this back end that carry every label in {@code labels}. */
    List<Workload> list(Map<String, String> labels);

    @Override
    default void close() {}
}
