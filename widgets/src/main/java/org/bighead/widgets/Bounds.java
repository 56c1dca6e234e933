package org.bighead.widgets;

import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The rules ipywidgets' bounded numbers keep, for {@link BoundedInt} and {@link BoundedFloat}: the value is
 * clamped into [min, max]; min may not pass max (nor max min), and moving a bound past the value moves the value.
 *
 * @param <T> Integer or Double
 */
final class Bounds<T> {
    private final String owner;
    private final Trait<T> value;
    private final Trait<T> min;
    private final Trait<T> max;
    private final BiPredicate<T, T> less;

    /**
     * Puts the rules on the three traits of {@code owner} (named in error messages). {@code less} is the primitive
     * {@code <}, as Python compares: a NaN or -0.0 value within [0, 1] is kept as it is, not clamped.
     */
    Bounds(String owner, Trait<T> value, Trait<T> min, Trait<T> max, BiPredicate<T, T> less) {
        this.owner = owner;
        this.value = value;
        this.min = min;
        this.max = max;
        this.less = less;
        value.validate(v -> less.test(v, min.raw()) ? min.raw() : less.test(max.raw(), v) ? max.raw() : v);
        min.validate(m -> {
                    if (less.test(max.raw(), m)) {
                        throw new IllegalArgumentException(
                                owner + ": min " + m + " > max " + max.raw() + "; raise max first");
                    }
                    return m;
                })
                .then((tx, m) -> {
                    if (less.test(tx.get(value), m)) tx.set(value, m);
                });
        max.validate(m -> {
                    if (less.test(m, min.raw())) {
                        throw new IllegalArgumentException(
                                owner + ": max " + m + " < min " + min.raw() + "; lower min first");
                    }
                    return m;
                })
                .then((tx, m) -> {
                    if (less.test(m, tx.get(value))) tx.set(value, m);
                });
    }

    /** The changes that set the range and the value together (checked first, so nothing half-applies). */
    Consumer<Widget.Tx> range(T newMin, T newMax, T newValue) {
        if (less.test(newMax, newMin)) {
            throw new IllegalArgumentException(owner + ": min " + newMin + " > max " + newMax);
        }
        return tx -> {
            // widen first so neither bound trips over the old other bound
            tx.set(min, smaller(newMin, tx.get(min)));
            tx.set(max, larger(newMax, tx.get(max)));
            tx.set(min, newMin);
            tx.set(max, newMax);
            tx.set(value, newValue);
        };
    }

    private T smaller(T a, T b) {
        return less.test(b, a) ? b : a;
    }

    private T larger(T a, T b) {
        return less.test(a, b) ? b : a;
    }
}
