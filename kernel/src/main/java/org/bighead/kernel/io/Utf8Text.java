package org.bighead.kernel.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** Turns written bytes into text as they come, holding back a UTF-8 sequence split across writes. */
final class Utf8Text {
    private final Consumer<String> out;
    private byte[] pending = new byte[0];

    Utf8Text(Consumer<String> out) {
        this.out = out;
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        byte[] all = pending.length == 0 ? Arrays.copyOfRange(bytes, offset, offset + length)
                : concat(pending, bytes, offset, length);
        int complete = completePrefix(all);
        pending = Arrays.copyOfRange(all, complete, all.length);
        if (complete > 0) {
            out.accept(new String(all, 0, complete, StandardCharsets.UTF_8));
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
