package org.bighead.productionize;

import org.bighead.cli.Bighead;

/** {@code ./bighead export}: its own entry point, so the CLI's other commands do not carry serving and Docker. */
public final class ExportMain {
    private ExportMain() {}

    /** Runs a command line; returns the exit code. */
    public static int run(String... args) {
        return Bighead.execute(new ExportCommand(), "bighead export", args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
