package org.bighead.magics;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The processes magics start ({@code ./bighead batch-score}): stopped when their cell is interrupted, and when the
 * kernel exits (a shutdown, a restart, Jupyter's SIGTERM) through one JVM shutdown hook, so no Spark run goes on
 * writing after the notebook that started it is gone. A stop is SIGTERM first, so that the process can remove what
 * it half wrote, and SIGKILL after {@link #GRACE}.
 */
final class ChildProcesses {
    /** How long a stopped process may take to clean up; within the kernel's 3 s before it halts. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ChildProcesses() {}

    /** Starts {@code builder}'s process, to be stopped with the kernel if it still runs then. */
    static Process start(ProcessBuilder builder) throws IOException {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "bighead magics' processes"));
        }
        Process process = builder.start();
        LIVE.add(process);
        var unused = process.onExit().thenRun(() -> LIVE.remove(process)); // an ended process is no longer ours
        return process;
    }

    /** Stops {@code process} and what it started, and waits for them to end. */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        boolean interrupted = Thread.interrupted(); // a cell's interrupt must not cut the grace short
        try {
            awaitOrKill(process, System.nanoTime() + GRACE.toNanos());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the kernel's exit does: every process still running gets SIGTERM, then the grace all share. */
    static void stopAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Process process : LIVE) {
            awaitOrKill(process, deadline);
        }
    }

    private static void awaitOrKill(Process process, long deadlineNanos) {
        try {
            if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
