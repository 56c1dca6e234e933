package org.bighead.kernel.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns written bytes into text as they come, holding back a UTF-8 sequence split across writes, and sends it on
 * line by line: {@code printf("$%.2f", x)} writes in pieces, but the notebook gets one message per line. Text
 * without a newline goes out after {@link #LINGER_MILLIS}, or at once on {@link #flush()}.
 */
final class Utf8Text {
    static final long LINGER_MILLIS = 40;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bighead-output-flush");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<String> out;
    private final long lingerMillis;
    private byte[] pending = new byte[0];
    private final StringBuilder text = new StringBuilder();
    private boolean flushScheduled;

    Utf8Text(Consumer<String> out) {
        this(out, LINGER_MILLIS);
    }

    Utf8Text(Consumer<String> out, long lingerMillis) {
        this.out = out;
        this.lingerMillis = lingerMillis;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        byte[] all = pending.length == 0
                ? Arrays.copyOfRange(bytes, offset, offset + length)
                : concat(pending, bytes, offset, length);
        int complete = completePrefix(all);
        pending = Arrays.copyOfRange(all, complete, all.length);
        if (complete == 0) {
            return;
        }
        text.append(new String(all, 0, complete, StandardCharsets.UTF_8));
        int lastNewline = text.lastIndexOf("\n");
        if (lastNewline >= 0) {
            out.accept(text.substring(0, lastNewline + 1));
            text.delete(0, lastNewline + 1);
        }
        if (text.length() > 0 && !flushScheduled) {
            flushScheduled = true;
            var unused = TIMER.schedule(this::flush, lingerMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends any text still held back (end of a cell, before a display, or the linger timer). */
    synchronized void flush() {
        flushScheduled = false;
        if (text.length() > 0) {
            out.accept(text.toString());
            text.setLength(0);
        }
    }

    private static byte[] concat(byte[] head, byte[] bytes, int offset, int length) {
        byte[] all = Arrays.copyOf(head, head.length + length);
        System.arraycopy(bytes, offset, all, head.length, length);
        return all;
    }

    /** Length of the prefix that ends on a whole UTF-8 character. */
    static int completePrefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int lead = b[n - back] & 0xff;
            if ((lead & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead
            }
            int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
