package org.bighead.registry.store;

/** A write that contradicts what the store holds (a model name taken…); the API answers 409 with the message. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A conflict, said in one sentence that names the thing. */
    public ConflictException(String message) {
        super(message);
    }
}
