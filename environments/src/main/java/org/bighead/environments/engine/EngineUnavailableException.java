package org.bighead.environments.engine;

/** No Docker engine answers; the message says where Bighead looked and how to start one. */
public class EngineUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }
}
