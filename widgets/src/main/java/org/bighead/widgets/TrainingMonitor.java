package org.bighead.widgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bighead.pipeline.TrainingListener;

/**
 * Watches {@code pipeline.fit(train, listener)} in a notebook: a progress bar, a live chart of every metric the model
 * reports (XGBoost's "train-rmse" each boosting round, the MLP's "train-loss" each epoch, logistic regression's
 * "train-logloss"), the latest values, and a Stop button that ends training cleanly after the current step:
 * <pre>{@code
 * var model = pipeline.fit(train, TrainingMonitor.show());
 * }</pre>
 *
 * <p>The bar (its label is the status line) and the chart are drawn at most every {@value #REDRAW_MS} ms with
 * whatever arrived meanwhile, and less often where drawing is slow (it is timed), so that it takes about 1/200 of the
 * time at most: between two steps on the training thread when one is due, the first an interval after the first
 * step, else on a widgets thread if training pauses. Other steps only record their metrics (tens of nanoseconds).
 * A drawing is two messages (bar, chart). When the last step comes, or a step after Stop, the final state (done, or
 * "stopped at 37/200") is drawn and sent before {@code onStep} returns, so the notebook shows it before the cell
 * ends. Fitting again with the same monitor starts a new chart.
 */
public final class TrainingMonitor implements TrainingListener, Composite {
    /** At most this often the bar and the chart are redrawn while training runs. */
    public static final long REDRAW_MS = SendPolicy.REDRAW_MS;

    private static final Throttle.Cost DRAWING = new Throttle.Cost(); // what a drawing costs here, learned by all

    private final IntProgress bar = new IntProgress().description("waiting for the first step");
    private final Button stop = new Button("Stop").icon("stop").tooltip("end training after this step");
    private final HTML chart = new HTML(LineChart.html(List.of(), 1, 2, "waiting for the first step…"));
    private final VBox view = new VBox(new HBox(bar, stop), chart);
    private final Throttle redraw = new Throttle("drawing the training chart", REDRAW_MS, DRAWING, this::draw);
    private final Object drawLock = new Object(); // one drawing at a time, so an older one never lands last

    // guarded by this
    private Map<String, Series> series = new LinkedHashMap<>();
    private int step;
    private int total;
    private long startNanos;
    private long endNanos;
    private boolean ended;
    private boolean stopped; // ended by Stop rather than by its last step
    private volatile boolean stopRequested;

    /** A monitor waiting for the first step; display it, or use {@link #show()}. */
    public TrainingMonitor() {
        bar.style().descriptionWidth("190px"); // "stopped at 137/200 in 12.3 s" fits, and the bar stays put
        bar.layout().width("430px"); // with Stop, as wide as the chart
        stop.onClick(b -> requestStop());
    }

    /** A new monitor, shown in the running cell's output (outside a notebook, just the monitor). */
    public static TrainingMonitor show() {
        TrainingMonitor monitor = new TrainingMonitor();
        Frontend frontend = Widgets.frontend();
        if (frontend != null) {
            frontend.display(monitor);
        }
        return monitor;
    }

    /** Records the step's metrics, drawn at most every {@value #REDRAW_MS} ms; returns false once Stop was clicked. */
    @Override
    public boolean onStep(int step, int total, Map<String, Double> metrics) {
        boolean last;
        synchronized (this) {
            if (ended) {
                restart(); // a new fit with the same monitor
            }
            if (startNanos == 0) {
                startNanos = System.nanoTime();
                redraw.holdOff(startNanos); // a fit that ends within an interval is drawn once, at its end
            }
            this.step = step;
            this.total = total;
            if (metrics != null) {
                metrics.forEach((name, value) ->
                        series.computeIfAbsent(name, n -> new Series()).add(step, value == null ? Double.NaN : value));
            }
            stopped = stopRequested;
            last = stopped || step >= total;
            if (last) {
                ended = true;
                endNanos = System.nanoTime();
            }
        }
        if (last) {
            finish();
            return !stopped;
        }
        redraw.request();
        return true;
    }

    private void restart() {
        series = new LinkedHashMap<>();
        startNanos = 0;
        ended = false;
        stopped = false;
        stopRequested = false;
        bar.barStyle("");
        stop.description("Stop").disabled(false);
    }

    /** The final state, drawn and sent now (on the training thread: it happens once). */
    private void finish() {
        try {
            bar.barStyle(stopped ? "warning" : "success");
            synchronized (this) { // with requestStop: whichever comes last, the button says how training ended
                stop.description(stopped ? "Stopped" : "Stop").disabled(true);
            }
            stop.flush();
            redraw.runNow();
        } catch (RuntimeException e) {
            Widgets.report("drawing the end of training", e); // the model is fine: never fail the fit for a widget
        }
    }

    /** Moves the bar, writes the status line (the bar's label) and draws the chart from the current state. */
    private void draw() {
        synchronized (drawLock) {
            List<Series.View> views = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int step;
            int total;
            String text;
            String empty;
            synchronized (this) {
                series.forEach((name, s) -> {
                    names.add(name);
                    views.add(s.view());
                });
                step = this.step;
                total = this.total;
                text = statusText();
                empty = ended ? "no metrics were reported" : "waiting for the first metrics…";
            }
            // the points are read outside the lock: the training thread only appends past them
            List<LineChart.Line> lines = new ArrayList<>();
            for (int i = 0; i < views.size(); i++) {
                lines.add(views.get(i).line(names.get(i), 2 * LineChart.PLOT_WIDTH));
            }
            if (bar.max() != Math.max(total, 1)) {
                bar.range(0, Math.max(total, 1), step);
            } else {
                bar.value(step);
            }
            bar.description(text);
            chart.value(LineChart.html(lines, 1, Math.max(total, step), empty));
            for (Widget w : List.of(bar, chart)) {
                w.flush(); // now, from the thread that drew, rather than waking the sender's thread for it
            }
        }
    }

    private String statusText() { // under this
        String time = String.format(Locale.ROOT, "%.1f s", ((ended ? endNanos : System.nanoTime()) - startNanos) / 1e9);
        if (!ended) {
            return step + "/" + total + " · " + time;
        }
        return (stopped ? "stopped at " : "done ") + step + "/" + total + " in " + time;
    }

    /** Asks training to stop after the current step (what the Stop button does). */
    public void requestStop() {
        synchronized (this) {
            if (ended) { // too late: training is over, and the button must not promise a stop that never comes
                return;
            }
            stopRequested = true;
            stop.description("Stopping…").disabled(true);
        }
    }

    /** Whether Stop was clicked during this run. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The latest step reported (0 before the first). */
    public synchronized int step() {
        return step;
    }

    /** The planned number of steps (0 before the first). */
    public synchronized int total() {
        return total;
    }

    /** Whether the run ended: its last step came, or a step after Stop. */
    public synchronized boolean ended() {
        return ended;
    }

    /** Every value of every metric of this run, in step order: metric name to values (a copy). */
    public synchronized Map<String, List<Double>> series() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        series.forEach((name, s) -> copy.put(name, s.values()));
        return copy;
    }

    /** The progress bar; its description is the status line. */
    public IntProgress bar() {
        return bar;
    }

    /** The status line (the bar's label): "37/200 · 4.1 s", then "done 200/200 in 9.8 s" or "stopped at 37/200 …" */
    public String status() {
        return bar.description();
    }

    /** The Stop button. */
    public Button stopButton() {
        return stop;
    }

    /** The chart: HTML holding the legend with the latest values and an inline SVG line chart. */
    public HTML chart() {
        return chart;
    }

    /** All of it: the bar with its status line and Stop in a row, the chart below. */
    @Override
    public VBox view() {
        return view;
    }

    @Override
    public String toString() {
        return "TrainingMonitor(" + status() + ")";
    }

    /** One metric's points, appended by the training thread. */
    private static final class Series {
        private int[] steps = new int[64];
        private double[] values = new double[64];
        private int size;

        /** The points so far; later appends never touch them (arrays are replaced, not changed, when they grow). */
        record View(int[] steps, double[] values, int size) {
            /** At most about {@code maxPoints} points: each bucket's lowest and highest, so no peak is lost. */
            LineChart.Line line(String name, int maxPoints) {
                double latest = size == 0 ? Double.NaN : values[size - 1];
                if (size <= maxPoints) {
                    return new LineChart.Line(name, Arrays.copyOf(steps, size), Arrays.copyOf(values, size), latest);
                }
                int bucket = (int) Math.ceil(size / (maxPoints / 2.0));
                int[] xs = new int[2 * (size / bucket + 1) + 1];
                double[] ys = new double[xs.length];
                int n = 0;
                for (int from = 0; from < size; from += bucket) {
                    int to = Math.min(size, from + bucket);
                    int lo = from;
                    int hi = from;
                    for (int i = from; i < to; i++) {
                        if (values[i] < values[lo] || Double.isNaN(values[lo])) lo = i;
                        if (values[i] > values[hi] || Double.isNaN(values[hi])) hi = i;
                    }
                    int first = Math.min(lo, hi);
                    int second = Math.max(lo, hi);
                    xs[n] = steps[first];
                    ys[n++] = values[first];
                    if (second != first) {
                        xs[n] = steps[second];
                        ys[n++] = values[second];
                    }
                }
                xs[n] = steps[size - 1];
                ys[n++] = latest;
                return new LineChart.Line(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), latest);
            }
        }

        void add(int step, double value) {
            if (size == values.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            steps[size] = step;
            values[size] = value;
            size++;
        }

        View view() {
            return new View(steps, values, size);
        }

        List<Double> values() {
            List<Double> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) list.add(values[i]);
            return list;
        }
    }
}
