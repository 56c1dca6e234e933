package org.bighead.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs each snippet on a fresh thread in its own thread group, in the kernel's JVM. Keeps the raw result object
 * of every evaluation under a key (JShell itself only carries strings), so the kernel can show its richest
 * representation. {@link #stop} ends a cell on every JDK without {@code Thread.stop}: the cell's code ends at its
 * next stop check ({@link StopCheck}: method entries and loops), and its blocking calls (sleep, wait, interruptible
 * I/O) with {@link Thread#interrupt}. A thread that still has not ended a while later (blocked in a call that ignores
 * interrupts, or deep in library code) is left to end by itself, so the kernel answers and serves the next cell.
 */
final class CellExecutionControl extends DirectExecutionControl {
    static final String KEY_PREFIX = "\u0000bighead-result:";
    /** How long a stopped cell's thread may take to end before the kernel stops waiting for it. */
    private static final long LEAVE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** While a stopped cell's thread runs on, it is interrupted again this often (code may swallow one interrupt). */
    private static final long REINTERRUPT_MILLIS = 100;

    private final SnippetLoader loader;
    private final java.util.function.BooleanSupplier cancelled;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile CellThreads running;
    private volatile boolean stopRequested;

    /** {@code cancelled} says the cell was interrupted: nothing more of it may start. */
    CellExecutionControl(SnippetLoader loader, java.util.function.BooleanSupplier cancelled) {
        super(loader);
        this.loader = loader;
        this.cancelled = cancelled;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        CellThreads group = new CellThreads();
        Thread runner = new Thread(
                group,
                () -> {
                    try {
                        result[0] = doitMethod.invoke(null);
                    } catch (InvocationTargetException e) {
                        failure[0] = e.getCause();
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                },
                "bighead-cell");
        runner.setDaemon(true); // a thread left behind must not keep the JVM from exiting
        runner.setContextClassLoader(loader.classLoader()); // ServiceLoader in cells must see %maven jars
        stopRequested = false;
        running = group; // from here on, stop() sees this run
        boolean ended;
        try {
            if (cancelled.getAsBoolean()) {
                throw new StoppedException(); // interrupted while this statement was being compiled
            }
            runner.start();
            if (cancelled.getAsBoolean()) {
                stop(); // the interrupt may have looked before the thread existed
            }
            ended = await(runner, group);
        } finally {
            running = null;
            StopCheck.forgetEnded();
        }
        if (!ended) {
            StackTraceElement[] stack = runner.getStackTrace();
            System.err.println("note: the interrupted cell's thread is still running (in "
                    + (stack.length == 0 ? "a call that ignores interrupts" : stack[0].toString())
                    + "); it was left to end by itself: it stops at the cell's next loop or call once that returns");
        }
        if (stopRequested || failure[0] instanceof CellInterruptedError) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            // JShell turns this into an EvalException (or an unresolved-reference error) with the user's stack
            throw new InvocationTargetException(failure[0]);
        }
        return remember(result[0]);
    }

    /**
     * Waits for the cell's thread to end. Once the cell is stopped, interrupts it again now and then, and gives up
     * after {@link #LEAVE_AFTER_NANOS}. Returns whether the thread ended.
     */
    private static boolean await(Thread runner, CellThreads group) throws InterruptedException {
        while (true) {
            runner.join(REINTERRUPT_MILLIS);
            if (!runner.isAlive()) {
                return true;
            }
            long stoppedFor = group.stoppedFor();
            if (stoppedFor > LEAVE_AFTER_NANOS) {
                return false;
            }
            if (stoppedFor > 0) {
                group.interrupt();
            }
        }
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        try {
            Class<?> type = findClass(className);
            java.lang.reflect.Field field = type.getDeclaredField(varName);
            field.setAccessible(true);
            return remember(field.get(null));
        } catch (ReflectiveOperationException e) {
            throw new InternalException("cannot read " + varName + ": " + e);
        }
    }

    private String remember(Object value) {
        String key = KEY_PREFIX + keys.incrementAndGet();
        if (value != null) {
            results.put(key, value);
        }
        return key;
    }

    /** The raw object behind a key JShell reported as a value; null if the value was null. */
    Object take(String key) {
        return key == null ? null : results.remove(key);
    }

    /** The class loader cells run in: the kernel's jars and those added since. */
    ClassLoader classLoader() {
        return loader.classLoader();
    }

    /** Whether the last run was stopped by {@link #stop}. */
    boolean wasStopped() {
        return stopRequested;
    }

    /** Whether a cell is running user code right now. */
    boolean isRunning() {
        return running != null;
    }

    /** Stops the running cell, from any thread, without waiting: see the class comment. */
    @Override
    public void stop() {
        CellThreads group = running;
        if (group == null) {
            return;
        }
        stopRequested = true;
        StopCheck.stop(group);
        group.interrupt();
    }
}
