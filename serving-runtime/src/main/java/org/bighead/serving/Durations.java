package org.bighead.serving;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them on a command line: {@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601 {@code PT2S}. */
public final class Durations {
    private Durations() {}

    /** The duration {@code text} stands for; a bare number is seconds. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return millis(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 1000);
            }
            if (t.endsWith("m")) {
                return millis(Double.parseDouble(t.substring(0, t.length() - 1).strip()) * 60_000);
            }
            return millis(Double.parseDouble(t) * 1000);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 2s, 1m)");
        }
    }

    private static Duration millis(double ms) {
        if (!(ms >= 0) || ms > Long.MAX_VALUE) {
            throw new IllegalArgumentException();
        }
        return Duration.ofMillis(Math.round(ms));
    }
}
