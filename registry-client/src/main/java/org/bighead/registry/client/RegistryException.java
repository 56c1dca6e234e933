package org.bighead.registry.client;

/** An error answer from the registry (its status and one-sentence message), or 0 when it could not be reached. */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** An error with the HTTP status the server answered (0: no answer) and its message. */
    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status (400, 401, 403, 404, 409, 413, 503…), or 0 when the server was not reached. */
    public int status() {
        return status;
    }
}
