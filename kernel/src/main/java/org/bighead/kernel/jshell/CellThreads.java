package org.bighead.kernel.jshell;

/** The thread group of one cell run: its thread and every thread it starts, stopped together. */
final class CellThreads extends ThreadGroup {
    private volatile boolean stopped;
    private volatile long stoppedAt;

    CellThreads() {
        super("bighead-cell");
    }

    synchronized void markStopped() {
        if (!stopped) {
            stoppedAt = System.nanoTime();
            stopped = true;
        }
    }

    boolean stopped() {
        return stopped;
    }

    /** Nanoseconds since the cell was stopped, or 0 while it runs on. */
    long stoppedFor() {
        return stopped ? System.nanoTime() - stoppedAt : 0;
    }
}
