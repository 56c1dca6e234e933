package org.bighead.widgets;

import java.util.concurrent.TimeUnit;

/**
 * When a change made in the kernel leaves for the browser: the one place that decides it. Times are
 * {@link System#nanoTime} values passed in, so the policy is a pure function of what happened when.
 *
 * <p><b>A widget's pending changes</b> ({@link Pace}; {@link Widget} records, {@link Sender} sends). A widget a loop
 * changes on every step (its last message carried more than {@value #FEW_CHANGES} changes) gathers its changes for
 * {@value #GATHER_MS} ms and sends the latest values, so the loop pays a lock and a map entry per change and the
 * browser gets about one message per widget per {@value #GATHER_MS} ms. A widget changed now and then (a click, an
 * observer, a redraw) sends after {@value #QUIET_MS} ms, gathering what was changed with it, but never sooner than
 * {@value #MIN_GAP_MS} ms after its previous message, so no widget can flood the kernel's sending threads.
 *
 * <p><b>Throttled views</b> ({@link Throttle}: {@link TrainingMonitor}, {@link TrainingProgress}) redraw at most every
 * {@value #REDRAW_MS} ms, and less often when a drawing is slow: the interval stretches to {@value #COST_RATIO} times
 * what drawings have lately cost, up to a second, so drawing takes about 1/{@value #COST_RATIO} of the training
 * thread's time at most. A redraw that no later step runs is run half an interval after it fell due.
 *
 * <p>Not subject to the policy, because the browser must see them in order: a widget's pending changes are sent at
 * once before its custom message and before its view is displayed, and answers to the browser ({@code echo_update},
 * the state it requested) leave at once.
 */
final class SendPolicy {
    /** How long a loop's changes gather before they are sent. */
    static final long GATHER_MS = 20;
    /** How long a change of a widget that changes now and then waits for others made with it. */
    static final long QUIET_MS = 1;
    /** The least time between two messages of one widget. */
    static final long MIN_GAP_MS = 5;
    /** A send that carried more changes than this means a loop is changing the widget. */
    static final int FEW_CHANGES = 3;
    /** The shortest interval between two redraws of a throttled view. */
    static final long REDRAW_MS = 100;
    /** A throttled view's interval is at least this many times what a redraw costs... */
    static final int COST_RATIO = 200;
    /** ...but no longer than this. */
    static final long MAX_REDRAW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long GATHER = TimeUnit.MILLISECONDS.toNanos(GATHER_MS);
    private static final long QUIET = TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
    private static final long MIN_GAP = TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MS);
    /** "Long ago": a widget that has never sent is as quiet as one that sent a day ago. */
    static final long LONG_AGO = TimeUnit.DAYS.toNanos(1);

    private SendPolicy() {}

    /**
     * How one widget has been sending lately, to choose when its next change leaves. Not thread-safe: the widget
     * guards it with its lock.
     */
    static final class Pace {
        private long lastSent;
        private int changesSinceSent; // changes (one update or browser message each) gathered since the last send
        private int lastBatch; // how many the last send carried

        /** A widget that has not sent yet, as of {@code now}. */
        Pace(long now) {
            lastSent = now - LONG_AGO;
        }

        /** Counts one change (an update, a browser message) waiting to be sent. */
        void changed() {
            changesSinceSent++;
        }

        /** How long, from {@code now}, the widget's pending changes wait before they leave. */
        long delayNanos(long now) {
            long sinceSent = now - lastSent;
            if (lastBatch > FEW_CHANGES && sinceSent < GATHER) {
                return GATHER; // a loop: gather
            }
            return Math.max(QUIET, MIN_GAP - sinceSent);
        }

        /** Records that the pending changes left at {@code now}. */
        void sent(long now) {
            lastSent = now;
            lastBatch = changesSinceSent;
            changesSinceSent = 0;
        }
    }

    /** A throttled view's interval between redraws: {@code minNanos}, or more when redraws cost {@code costNanos}. */
    static long redrawInterval(long minNanos, long costNanos) {
        return Math.max(minNanos, Math.min(MAX_REDRAW_NANOS, COST_RATIO * costNanos));
    }

    /** Whether a redraw is due at {@code now}, the last having run at {@code lastRun}. */
    static boolean redrawDue(long now, long lastRun, long intervalNanos) {
        return now - lastRun >= intervalNanos;
    }

    /**
     * How long from {@code now} a redraw no step has run waits: until half an interval after it falls due, so that
     * a loop still running usually gets there first.
     */
    static long lateRedrawDelay(long now, long lastRun, long intervalNanos) {
        return Math.max(0, lastRun + intervalNanos + intervalNanos / 2 - now);
    }
}
