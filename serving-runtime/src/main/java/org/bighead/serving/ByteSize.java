package org.bighead.serving;

import java.util.Locale;

/** Sizes as people write them on a command line: {@code 512}, {@code 64k}, {@code 1m}, {@code 2MB}, {@code 1g}. */
public final class ByteSize {
    private ByteSize() {}

    /** The number of bytes {@code text} stands for; k, m, g are powers of 1024. */
    public static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1).strip();
        try {
            long n = Long.parseLong(digits);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 512k, 1m, 2g)");
        }
    }
}
