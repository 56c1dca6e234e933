package org.bighead.pipeline;

/** Base of every error the pipeline library reports on purpose; its message is written for people. */
public class PipelineException extends RuntimeException {
    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
