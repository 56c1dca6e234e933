package org.bighead.kernel.jshell;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop check that {@link StopCheckWeaver} puts into every class compiled from a cell, at each method's entry and
 * before each backward branch. It throws {@link CellInterruptedError} in the threads of a cell the user interrupted,
 * so a runaway loop ends on every JDK without {@code Thread.stop} (which throws from Java 20 on). While no cell is
 * being stopped it costs one read of a volatile field.
 */
public final class StopCheck {
    private static final Set<CellThreads> STOPPED = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;

    private StopCheck() {}

    /** Called by cell code (woven in, not written by hand): ends the thread if its cell was interrupted. */
    public static void check() {
        if (stopping && inStoppedCell()) {
            throw new CellInterruptedError();
        }
    }

    /**
     * Whether this thread belongs to a stopped cell: the cell's own thread or one it started (threads inherit their
     * group). A widget callback defined in a cell but run by the kernel's threads is never stopped.
     */
    private static boolean inStoppedCell() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g instanceof CellThreads cell && cell.stopped()) {
                return true;
            }
        }
        return false;
    }

    /** From now on, the threads of {@code cell} end at their next check. */
    static synchronized void stop(CellThreads cell) {
        cell.markStopped();
        STOPPED.add(cell);
        stopping = true;
    }

    /** Forgets stopped cells whose threads have all ended; the check is one volatile read again once none is left. */
    static synchronized void forgetEnded() {
        STOPPED.removeIf(cell -> cell.activeCount() == 0);
        stopping = !STOPPED.isEmpty();
    }
}
