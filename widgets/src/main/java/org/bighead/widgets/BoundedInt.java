package org.bighead.widgets;

/**
 * An int between a minimum and a maximum (ipywidgets' {@code _BoundedInt}): values outside are clamped, as
 * ipywidgets does; raising the minimum above the value raises the value.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class BoundedInt<W extends BoundedInt<W, S>, S extends DescriptionStyle>
        extends DescriptionWidget<W, S> {
    private final Trait<Integer> value = trait("value", Type.INT, 0);
    private final Trait<Integer> min = trait("min", Type.INT, 0);
    private final Trait<Integer> max = trait("max", Type.INT, 100);
    private final Bounds<Integer> bounds;

    /** A bounded int control of {@code @jupyter-widgets/controls}: model, view and style. */
    protected BoundedInt(String modelName, String viewName, S style, Class<S> styleType) {
        super(modelName, viewName, style, styleType);
        bounds = new Bounds<>(getClass().getSimpleName(), value, min, max, (a, b) -> a < b);
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
        update(bounds.range(newMin, newMax, newValue));
        return self();
    }
}
