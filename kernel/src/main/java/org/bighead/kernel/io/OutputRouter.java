package org.bighead.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} once, at startup: whatever any thread prints goes to the
 * cell it belongs to (see {@link CellContext#current()}) and appears in the notebook while the cell runs.
 * Before the first cell, output goes to the kernel's log.
 */
public final class OutputRouter extends OutputStream {
    private final boolean error;
    private final PrintStream log;

    private OutputRouter(boolean error, PrintStream log) {
        this.error = error;
        this.log = log;
    }

    /** Installs the routers; returns the original stderr, for the kernel's own log. */
    public static PrintStream install() {
        PrintStream original = System.err;
        System.setOut(new PrintStream(new OutputRouter(false, original), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new OutputRouter(true, original), true, StandardCharsets.UTF_8));
        return original;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() {
        CellContext cell = CellContext.current();
        if (cell != null) {
            cell.flush();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        CellContext cell = CellContext.current();
        if (cell == null) {
            log.write(bytes, offset, length);
            return;
        }
        cell.stream(error).write(bytes, offset, length);
    }
}
