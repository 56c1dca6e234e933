package org.bighead.pipeline.bundle;

import org.bighead.pipeline.PipelineException;

/** A bundle that cannot be trusted or read: corrupt, altered, too new, or naming unknown stage types. */
public final class BundleException extends PipelineException {
    public BundleException(String message) {
        super(message);
    }
}
