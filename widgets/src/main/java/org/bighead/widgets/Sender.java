package org.bighead.widgets;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends widgets' pending changes from one daemon thread, after the delay {@link SendPolicy} chose for each: a change
 * made now and then leaves within a few ms; a loop that sets a progress bar on every step costs a lock and a map
 * entry per step, and the browser gets about one update per widget per {@value SendPolicy#GATHER_MS} ms with the
 * latest values.
 */
final class Sender {

    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
        // no inherited thread locals: the thread must not stay tied to the cell that happened to start it
        Thread t = new Thread(null, task, "bighead-widgets", 0, false);
        t.setDaemon(true);
        return t;
    });

    private Sender() {}

    /** Flushes {@code widget} in {@code delayNanos}. */
    static void schedule(Widget widget, long delayNanos) {
        var unused = THREAD.schedule(
                () -> {
                    try {
                        widget.flush();
                    } catch (RuntimeException e) {
                        Widgets.report("sending " + widget.getClass().getSimpleName() + "'s changes", e);
                    }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
    }
}
