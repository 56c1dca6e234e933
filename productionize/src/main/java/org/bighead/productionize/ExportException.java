package org.bighead.productionize;

/** An export failed at {@code step}, and what earlier steps made was rolled back; the message says why. */
public final class ExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExportStep step;

    public ExportException(ExportStep step, String message) {
        super(message);
        this.step = step;
    }

    /** The step that failed. */
    public ExportStep step() {
        return step;
    }
}
