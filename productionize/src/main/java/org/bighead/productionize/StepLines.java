package org.bighead.productionize;

import java.io.PrintStream;
import java.util.Locale;

/** An export as lines, one per step as it ends: what the CLI and the magic's plain output print. */
public final class StepLines implements ExportListener {
    private final PrintStream out;

    public StepLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void done(ExportStep step, long millis, String detail) {
        out.printf(Locale.ROOT, "✓ %-9s %6.1f s  %s%n", step.label(), millis / 1000.0, detail);
        out.flush();
    }

    @Override
    public void skipped(ExportStep step) {
        out.printf(Locale.ROOT, "- %-9s %8s  %s%n", step.label(), "", "skipped");
        out.flush();
    }

    @Override
    public void failed(ExportStep step, long millis, String message) {
        out.printf(Locale.ROOT, "✗ %-9s %6.1f s  %s%n", step.label(), millis / 1000.0, message);
        out.flush();
    }

    @Override
    public void rolledBack(String what) {
        out.println("  rolled back: " + what);
        out.flush();
    }
}
