package org.bighead.widgets;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.bighead.pipeline.TrainingListener;
import org.bighead.pipeline.viz.Displayable;

/**
 * A progress bar, the latest metrics and a Stop button for {@code pipeline.fit(train, listener)}:
 * <pre>{@code
 * var progress = new TrainingProgress();
 * display(progress);
 * var model = pipeline.fit(train, progress);   // Stop ends training cleanly after the current round
 * }</pre>
 * The click reaches the kernel while the cell runs; the next step then returns false.
 */
public final class TrainingProgress implements TrainingListener, Displayable {
    private final IntProgress bar = new IntProgress().description("training");
    private final Label status = new Label();
    private final Button stop = new Button("Stop").icon("stop").tooltip("end training after this step");
    private final HBox view = new HBox(bar, status, stop);
    private volatile boolean stopRequested;

    /** A bar at 0, waiting for the first step. */
    public TrainingProgress() {
        stop.onClick(b -> requestStop());
    }

    /** Shows the step and metrics; returns false once Stop was clicked. */
    @Override
    public boolean onStep(int step, int total, Map<String, Double> metrics) {
        bar.range(0, Math.max(total, 1), step);
        StringJoiner text = new StringJoiner("  ");
        text.add(step + "/" + total);
        metrics.forEach((name, value) -> text.add(name + " " + String.format(Locale.ROOT, "%.4g", value)));
        if (stopRequested) {
            bar.barStyle("warning");
            status.value(text + "  (stopped)");
            stop.disabled(true);
            return false;
        }
        status.value(text.toString());
        if (step >= total) {
            bar.barStyle("success");
            stop.disabled(true);
        }
        return true;
    }

    /** Asks training to stop after the current step (what the Stop button does). */
    public void requestStop() {
        stopRequested = true;
        stop.description("Stopping").disabled(true);
    }

    /** Whether Stop was clicked. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The widgets: the bar, the status label and the Stop button in a row. */
    public HBox view() {
        return view;
    }

    /** The row of widgets, for display. */
    @Override
    public Map<String, Object> mimeBundle() {
        return view.mimeBundle();
    }

    @Override
    public String toString() {
        return "TrainingProgress(" + status.value() + ")";
    }
}
