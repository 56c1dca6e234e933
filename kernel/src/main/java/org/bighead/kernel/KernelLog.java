package org.bighead.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The kernel's own log: the process's original stderr, which Jupyter shows in its server log. */
final class KernelLog {
    private static volatile PrintStream stream = System.err;

    private KernelLog() {}

    static void use(PrintStream original) {
        stream = original;
    }

    static PrintStream stream() {
        return stream;
    }

    static void log(String message) {
        LocalTime now = LocalTime.now(ZoneId.systemDefault());
        stream.println("[bighead " + now.truncatedTo(ChronoUnit.MILLIS) + "] " + message);
    }
}
