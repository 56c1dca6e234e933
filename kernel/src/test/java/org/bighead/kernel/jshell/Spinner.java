package org.bighead.kernel.jshell;

/** Code shaped like a runaway cell, for {@link StopCheckWeaverTest} to weave and stop. */
// one thread spins at a time; the counter is volatile only so that the loop has a side effect the JIT keeps
@SuppressWarnings("NonAtomicVolatileUpdate")
public final class Spinner {
    public static volatile long counter;

    private Spinner() {}

    public static void spin() {
        while (true) {
            counter++;
        }
    }

    /** A loop no exception handler inside it can keep going once stopped. */
    public static void spinSwallowingEverything() {
        while (true) {
            try {
                counter++;
            } catch (Throwable ignored) {
                counter--;
            }
        }
    }

    /** Loops and a switch that finish: weaving must not change what they compute. */
    public static int sumOfKinds(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> sum += i;
                case 1 -> sum -= 1;
                default -> sum += 2;
            }
        }
        int j = 0;
        do {
            j++;
        } while (j < n);
        return sum + j;
    }
}
