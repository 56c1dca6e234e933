package org.bighead.registry.jobs.compute;

/** A compute call that failed, in the back end's words (the compute service's {@code error}). */
public final class JobComputeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobComputeException(String message) {
        super(message);
    }

    public JobComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
