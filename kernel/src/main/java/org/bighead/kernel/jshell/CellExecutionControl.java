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
 * representation. {@link #stop} really stops runaway code: interrupt first, then {@code ThreadGroup.stop()}
 * (available up to Java 19), repeated until the cell's threads are gone.
 */
final class CellExecutionControl extends DirectExecutionControl {
    static final String KEY_PREFIX = "\u0000bighead-result:";

    private final SnippetLoader loader;
    private final java.util.function.BooleanSupplier cancelled;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile ThreadGroup running;
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
        ThreadGroup group = new ThreadGroup("bighead-cell");
        Thread runner = new Thread(group, () -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "bighead-cell");
        runner.setContextClassLoader(loader.classLoader()); // ServiceLoader in cells must see %maven jars
        stopRequested = false;
        running = group; // from here on, stop() sees this run
        try {
            if (cancelled.getAsBoolean()) {
                throw new StoppedException(); // interrupted while this statement was being compiled
            }
            runner.start();
            if (cancelled.getAsBoolean()) {
                stop(); // the interrupt may have looked before the thread existed
            }
            runner.join();
        } finally {
            running = null;
        }
        if (stopRequested || failure[0] instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (failure[0] != null) {
            // JShell turns this into an EvalException (or an unresolved-reference error) with the user's stack
            throw new InvocationTargetException(failure[0]);
        }
        return remember(result[0]);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
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

    /** Whether the last run was stopped by {@link #stop}. */
    boolean wasStopped() {
        return stopRequested;
    }

    /** Whether a cell is running user code right now. */
    boolean isRunning() {
        return running != null;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        ThreadGroup group = running;
        if (group == null) {
            return;
        }
        stopRequested = true;
        group.interrupt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        sleep(200); // code that honours interrupts ends cleanly; ThreadDeath inside j.u.c locks can corrupt them
        while (running == group && group.activeCount() > 0 && System.nanoTime() < deadline) {
            try {
                group.stop();
            } catch (UnsupportedOperationException e) {
                return; // Java 20+: interrupts are all we have
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
