package org.bighead.widgets;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task at most once per interval however often it is {@link #request requested}, on the requesting thread
 * when it is due, else later on a daemon thread if no request comes to run it. A slow task runs less often: how
 * long the interval is, given what runs of the task have lately cost, and when a late run goes, {@link SendPolicy}
 * decides. That cost is a {@link Cost} the throttles of one kind of task share, so a new one starts from what
 * earlier ones learned.
 *
 * <p>Why on the requesting thread: a training loop requests on every step, and drawing between two steps costs the
 * loop only the drawing. Drawing on another thread in the middle of a step takes a core from the trainer's own
 * threads (XGBoost's are tied together by barriers), which costs the loop more than the drawing itself. The daemon
 * thread only catches the last changes when the loop pauses or ends without another request. Why the cost is
 * measured: a drawing's messages wake the kernel's sending threads, which on a small machine costs the loop about a
 * millisecond each; timing the drawing (sending included) keeps that in check wherever the notebook runs.
 */
final class Throttle {
    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
        // no inherited thread locals: the thread must not stay tied to the cell that happened to start it
        Thread t = new Thread(null, task, "bighead-widgets-throttle", 0, false);
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final Runnable task;
    private final long intervalNanos;
    private final Cost cost;
    private final AtomicBoolean pending = new AtomicBoolean(); // a late run is scheduled
    private volatile boolean changed; // requested since the last run
    private volatile long lastRun = System.nanoTime() - SendPolicy.LONG_AGO;

    /** What runs of one kind of task have cost lately: a moving average of their durations. */
    static final class Cost {
        private volatile long nanos;

        void add(long took) {
            long before = nanos;
            nanos = before == 0 ? took : (3 * before + took) / 4;
        }
    }

    /** Runs {@code task} (described as {@code what} when it fails) at most every {@code intervalMillis}. */
    Throttle(String what, long intervalMillis, Cost cost, Runnable task) {
        this.what = what;
        this.task = task;
        this.cost = cost;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    private long interval() {
        return SendPolicy.redrawInterval(intervalNanos, cost.nanos);
    }

    /** Makes the next run due an interval after {@code now} (System.nanoTime), as if the task had just run. */
    void holdOff(long now) {
        lastRun = now;
    }

    /** Asks for a run: now, on this thread, if the last run is an interval old; else within about an interval. */
    void request() {
        changed = true;
        long now = System.nanoTime();
        if (SendPolicy.redrawDue(now, lastRun, interval()) && claim(now)) {
            run();
        } else if (!pending.get()) {
            scheduleLate(now);
        }
    }

    private void scheduleLate(long now) {
        if (pending.compareAndSet(false, true)) {
            var unused = THREAD.schedule(
                    this::late, SendPolicy.lateRedrawDelay(now, lastRun, interval()), TimeUnit.NANOSECONDS);
        }
    }

    private void late() {
        pending.set(false);
        if (!changed) {
            return;
        }
        long now = System.nanoTime();
        if (claim(now)) {
            run();
        } else {
            scheduleLate(now); // the loop ran it meanwhile; look again in case it stops before the next one
        }
    }

    /** Whether this caller takes the run that is due (one caller per interval). */
    private synchronized boolean claim(long now) {
        if (!SendPolicy.redrawDue(now, lastRun, interval())) {
            return false;
        }
        lastRun = now;
        return true;
    }

    /** Runs the task now, on this thread, whether or not it is due. */
    void runNow() {
        lastRun = System.nanoTime();
        run();
    }

    private void run() {
        changed = false; // before running: what changes during the run is drawn by the next one
        long start = System.nanoTime();
        try {
            task.run();
        } catch (RuntimeException e) {
            Widgets.report(what, e);
        }
        cost.add(System.nanoTime() - start);
    }
}
