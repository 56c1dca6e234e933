package org.bighead.kernel.jshell;

/**
 * Thrown by {@link StopCheck#check} in the code of an interrupted cell. An {@link Error} rather than an exception,
 * so the usual {@code catch (Exception e)} in a cell's loop does not swallow it; the kernel reports the cell as
 * interrupted.
 */
public final class CellInterruptedError extends Error {
    private static final long serialVersionUID = 1L;

    CellInterruptedError() {
        super("the cell was interrupted", null, false, false);
    }
}
