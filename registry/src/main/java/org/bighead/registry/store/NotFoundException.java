package org.bighead.registry.store;

/** What was asked for is not in the store (a model, version, alias…); the API answers 404 with the message. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not found, said in one sentence that names the thing. */
    public NotFoundException(String message) {
        super(message);
    }
}
