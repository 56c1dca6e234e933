package org.bighead.widgets;

/**
 * An int between a minimum and a maximum (ipywidgets' {@code _BoundedInt}): values outside are clamped, as
 * ipywidgets does; raising the minimum above the value raises the value.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class BoundedInt<W extends BoundedInt<W, S>, S extends DescriptionStyle> extends DescriptionWidget<W, S> {
    private final Trait<Integer> value = trait("value", Type.INT, 0);
    private final Trait<Integer> min = trait("min", Type.INT, 0);
    private final Trait<Integer> max = trait("max", Type.INT, 100);

    /** A bounded int control of {@code @jupyter-widgets/controls}: model, view and style. */
    protected BoundedInt(String modelName, String viewName, S style, Class<S> styleType) {
        super(modelName, viewName, style, styleType);
        value.validate(v -> Math.max(min.raw(), Math.min(max.raw(), v)));
        min.validate(m -> {
            if (m > max.raw()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": min " + m + " > max " + max.raw()
                        + "; raise max first");
            }
            return m;
        }).then((tx, m) -> {
            if (m > tx.get(value)) tx.set(value, m);
        });
        max.validate(m -> {
            if (m < min.raw()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": max " + m + " < min " + min.raw()
                        + "; lower min first");
            }
            return m;
        }).then((tx, m) -> {
            if (m < tx.get(value)) tx.set(value, m);
        });
    }

    /** The value. */
    public int value() {
        return value.get();
    }

    /** Sets the value (clamped into [min, max]). */
    public W value(int v) {
        set(value, v);
        return self();
    }

    /** Adds {@code delta} to the value atomically (safe from many threads), clamped into [min, max]. */
    public void add(int delta) {
        update(tx -> tx.set(value, tx.get(value) + delta));
    }

    /** The minimum. */
    public int min() {
        return min.get();
    }

    /** Sets the minimum (at most max; raises the value if below). */
    public W min(int m) {
        set(min, m);
        return self();
    }

    /** The maximum. */
    public int max() {
        return max.get();
    }

    /** Sets the maximum (at least min; lowers the value if above). */
    public W max(int m) {
        set(max, m);
        return self();
    }

    /** Sets the range and the value together: {@code range(0, epochs, 0)}. */
    public W range(int newMin, int newMax, int newValue) {
        if (newMin > newMax) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": min " + newMin + " > max " + newMax);
        }
        update(tx -> {
            // widen first so neither bound trips over the old other bound
            tx.set(min, Math.min(newMin, tx.get(min)));
            tx.set(max, Math.max(newMax, tx.get(max)));
            tx.set(min, newMin);
            tx.set(max, newMax);
            tx.set(value, newValue);
        });
        return self();
    }
}
