package org.bighead.serving;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The idle scorers of one model version. A request takes one (or has a new one made), scores with it alone
 * and gives it back; at most {@code capacity} are kept, extras are dropped. The pool belongs to its
 * {@link LoadedModel}, so after a swap the old version's scorers become garbage together with it (a ThreadLocal
 * would keep them alive on every Jetty thread). Slots in a fixed array, claimed by compare-and-set: no lock, and no
 * allocation once every slot has been filled.
 */
final class ScorerPool<T> {
    private final AtomicReferenceArray<T> idle;
    private final Supplier<T> make;

    /** Keeps up to {@code capacity} idle scorers (the in-flight limit: more never score at once). */
    ScorerPool(int capacity, Supplier<T> make) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a scorer pool holds at least one scorer, got " + capacity);
        }
        this.idle = new AtomicReferenceArray<>(capacity);
        this.make = make;
    }

    /** An idle scorer, or a new one when none is idle; the caller has it to itself until {@link #give}. */
    T take() {
        for (int i = 0; i < idle.length(); i++) {
            T t = idle.get(i);
            if (t != null && idle.compareAndSet(i, t, null)) {
                return t;
            }
        }
        return make.get();
    }

    /** Returns a scorer taken from this pool; dropped when the pool is full. */
    void give(T scorer) {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, scorer)) {
                return;
            }
        }
    }

    /** How many scorers are idle now (for tests). */
    int idleCount() {
        int n = 0;
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) != null) {
                n++;
            }
        }
        return n;
    }
}
