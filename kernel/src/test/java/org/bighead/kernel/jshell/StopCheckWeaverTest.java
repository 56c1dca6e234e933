package org.bighead.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Woven classes run as before, and a stopped cell's threads end at their next loop, on every JDK from 17. */
class StopCheckWeaverTest {

    /** Spinner defined again from its woven bytes, in a loader of its own. */
    private static Class<?> wovenSpinner() throws IOException, ClassNotFoundException {
        byte[] original;
        try (InputStream in = Spinner.class.getResourceAsStream("Spinner.class")) {
            original = in.readAllBytes();
        }
        byte[] woven = StopCheckWeaver.weave(original);
        ClassLoader loader = new ClassLoader(StopCheckWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Spinner.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return loader.loadClass(Spinner.class.getName());
    }

    /** Runs a static method of the woven Spinner on a thread of {@code cell}; completes with what it threw. */
    private static CompletableFuture<Throwable> runIn(CellThreads cell, String method) throws Exception {
        Method m = wovenSpinner().getMethod(method);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread t = new Thread(
                cell,
                () -> {
                    try {
                        m.invoke(null);
                        ended.complete(null);
                    } catch (InvocationTargetException e) {
                        ended.complete(e.getCause());
                    } catch (Throwable e) {
                        ended.complete(e);
                    }
                },
                "spinner");
        t.setDaemon(true);
        t.start();
        return ended;
    }

    @Test
    void wovenCodeComputesWhatTheOriginalDoes() throws Exception {
        Method woven = wovenSpinner().getMethod("sumOfKinds", int.class);
        assertThat(woven.getDeclaringClass()).isNotSameAs(Spinner.class);
        for (int n : new int[] {0, 1, 2, 7, 1000}) {
            assertThat(woven.invoke(null, n)).isEqualTo(Spinner.sumOfKinds(n));
        }
    }

    @Test
    void aStoppedCellsBusyLoopEndsWithCellInterruptedError() throws Exception {
        CellThreads cell = new CellThreads();
        CompletableFuture<Throwable> ended = runIn(cell, "spin");
        StopCheck.stop(cell);
        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(CellInterruptedError.class);
    }

    @Test
    void aLoopThatCatchesThrowableStillEnds() throws Exception {
        CellThreads cell = new CellThreads();
        CompletableFuture<Throwable> ended = runIn(cell, "spinSwallowingEverything");
        StopCheck.stop(cell);
        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(CellInterruptedError.class);
    }

    @Test
    void stoppingOneCellLeavesTheThreadsOfOthersRunning() throws Exception {
        CellThreads stopped = new CellThreads();
        CellThreads other = new CellThreads();
        CompletableFuture<Throwable> spinning = runIn(other, "spin");
        CompletableFuture<Throwable> ended = runIn(stopped, "spin");
        StopCheck.stop(stopped);
        assertThat(ended.get(30, TimeUnit.SECONDS)).isInstanceOf(CellInterruptedError.class);
        assertThat(spinning).isNotDone();
        StopCheck.stop(other);
        assertThat(spinning.get(30, TimeUnit.SECONDS)).isInstanceOf(CellInterruptedError.class);
    }
}
