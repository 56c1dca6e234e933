package org.bighead.environments.image;

/** An image build that failed: the failing step and the tail of its output. Nothing half-built is tagged. */
public class ImageBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
