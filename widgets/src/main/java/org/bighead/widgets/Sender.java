package org.bighead.widgets;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends widgets' pending changes from one daemon thread, when the widget chooses (see Widget#delayNanosLocked): a
 * change made now and then leaves within a few ms; a loop that sets a progress bar on every step costs a lock and a
 * map entry per step, and the browser gets about one update per widget per {@link #DELAY_MS} with the latest values.
 */
final class Sender {
    /** How long changes gather before they are sent. */
    static final long DELAY_MS = 20;
    /** How long a change of a widget that changes now and then waits for others made with it. */
    static final long QUIET_DELAY_MS = 1;
    /** The least time between two messages of one widget. */
    static final long MIN_GAP_MS = 5;
    /** A send that carried more changes than this means a loop is changing the widget. */
    static final int FEW_CHANGES = 3;

    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
        // no inherited thread locals: the thread must not stay tied to the cell that happened to start it
        Thread t = new Thread(null, task, "bighead-widgets", 0, false);
        t.setDaemon(true);
        return t;
    });

    private Sender() {
    }

    /** Flushes {@code widget} in {@code delayNanos}. */
    static void schedule(Widget widget, long delayNanos) {
        var unused = THREAD.schedule(() -> {
            try {
                widget.flush();
            } catch (RuntimeException e) {
                Widgets.report("sending " + widget.getClass().getSimpleName() + "'s changes", e);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
