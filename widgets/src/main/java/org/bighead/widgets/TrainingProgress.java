package org.bighead.widgets;

import java.util.LinkedHashMap;
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
    /** At most this often the bar and the metrics are updated while training runs (the last step always is). */
    public static final long REDRAW_MS = SendPolicy.REDRAW_MS;

    private static final Throttle.Cost DRAWING = new Throttle.Cost();

    private final IntProgress bar = new IntProgress().description("training");
    private final Label status = new Label();
    private final Button stop = new Button("Stop").icon("stop").tooltip("end training after this step");
    private final HBox view = new HBox(bar, status, stop);
    private final Throttle redraw = new Throttle("showing training progress", REDRAW_MS, DRAWING, this::draw);
    private volatile boolean stopRequested;

    // guarded by this: the latest step, drawn by the throttle
    private int step;
    private int total;
    private Map<String, Double> metrics = Map.of();

    /** A bar at 0, waiting for the first step. */
    public TrainingProgress() {
        stop.onClick(b -> requestStop());
    }

    /** Records the step, shown at most every {@value #REDRAW_MS} ms; returns false once Stop was clicked. */
    @Override
    public boolean onStep(int step, int total, Map<String, Double> metrics) {
        boolean last;
        synchronized (this) {
            this.step = step;
            this.total = total;
            this.metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
            last = stopRequested || step >= total;
        }
        if (last) {
            redraw.runNow(); // the end is shown before fit returns
        } else {
            redraw.request();
        }
        return !stopRequested;
    }

    private void draw() {
        int step;
        int total;
        Map<String, Double> metrics;
        synchronized (this) {
            step = this.step;
            total = this.total;
            metrics = this.metrics;
        }
        bar.range(0, Math.max(total, 1), step);
        StringJoiner text = new StringJoiner("  ");
        text.add(step + "/" + total);
        metrics.forEach((name, value) -> text.add(name + " " + String.format(Locale.ROOT, "%.4g", value)));
        if (stopRequested) {
            bar.barStyle("warning");
            status.value(text + "  (stopped)");
            stop.disabled(true);
        } else {
            status.value(text.toString());
            if (step >= total) {
                bar.barStyle("success");
                stop.disabled(true);
            }
        }
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
