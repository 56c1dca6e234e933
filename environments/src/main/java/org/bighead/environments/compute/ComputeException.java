package org.bighead.environments.compute;

/**
 * A start, stop or lookup that could not be done, with a message a person understands: what was wrong and what
 * would work (a type larger than the host and what the host has; no engine and how to start one; EC2's own words
 * for a quota or a bad type). Whatever the failed call had created is gone when this is thrown.
 */
public class ComputeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComputeException(String message) {
        super(message);
    }

    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
