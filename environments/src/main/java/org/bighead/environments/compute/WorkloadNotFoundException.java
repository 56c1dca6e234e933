package org.bighead.environments.compute;

/** No such workload on the back end (never started, or stopped and removed). */
public class WorkloadNotFoundException extends ComputeException {
    private static final long serialVersionUID = 1L;

    public WorkloadNotFoundException(String message) {
        super(message);
    }
}
