package org.bighead.kernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * {@code System.in} for cells: reading from an empty buffer asks the notebook for a line (an input box under
 * the cell) and hands it back, newline-terminated.
 */
public final class StdinStream extends InputStream {
    private final BiFunction<String, Boolean, String> askFrontend;
    private byte[] buffer = new byte[0];
    private int position;

    /** {@code askFrontend} takes (prompt, password) and returns the typed line. */
    public StdinStream(BiFunction<String, Boolean, String> askFrontend) {
        this.askFrontend = askFrontend;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private boolean fill() throws IOException {
        if (position < buffer.length) {
            return true;
        }
        String line;
        try {
            line = askFrontend.apply("", false);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (line == null) {
            return false;
        }
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
