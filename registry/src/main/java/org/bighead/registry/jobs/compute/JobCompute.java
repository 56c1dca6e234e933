package org.bighead.registry.jobs.compute;

/**
 * The compute back end a job run's workload goes to (local Docker or EC2), as the registry sees it: start, watch,
 * read the log, stop. The registry defines this small interface and {@link ComputeServiceClient} implements it over
 * the compute service's HTTP API, so the registry never depends on {@code environments/} (docker-java, the AWS SDK).
 */
public interface JobCompute extends AutoCloseable {
    /** {@code "docker"} or {@code "ec2"}. */
    String backend();

    /**
     * Starts {@code workload}; returns its id. Nothing is left behind when it fails.
     *
     * @throws JobComputeException with the back end's reason (no such image, a type larger than the host, no capacity)
     */
    String start(JobWorkload workload);

    /** The workload's state, or null when it is gone (stopped and removed, or never existed). */
    State status(String id);

    /** The last {@code lines} lines of its output. */
    String logs(String id, int lines);

    /** Stops it and removes what it used (the container, the instance); nothing when it is already gone. */
    void stop(String id);

    @Override
    default void close() {}

    /**
     * Where a workload is: {@code pending}, {@code running}, {@code exited} (its process ended, {@code exitCode} when
     * the back end knows it), {@code stopped} (ended from outside) or {@code unknown}.
     */
    record State(String state, Integer exitCode) {
        public boolean done() {
            return state.equals("exited") || state.equals("stopped");
        }
    }
}
