package org.bighead.productionize.deploy;

/**
 * What went wrong with a deployment, in one line a person can act on (what was wrong, what is valid or what to do).
 * Whatever the failed call had made is gone by the time this is thrown.
 */
public class DeploymentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
