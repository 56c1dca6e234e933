package org.bighead.widgets;

/**
 * A double between a minimum and a maximum (ipywidgets' {@code _BoundedFloat}): values outside are clamped, as
 * ipywidgets does; raising the minimum above the value raises the value.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class BoundedFloat<W extends BoundedFloat<W, S>, S extends DescriptionStyle>
        extends DescriptionWidget<W, S> {
    private final Trait<Double> value = trait("value", Type.FLOAT, 0.0);
    private final Trait<Double> min = trait("min", Type.FLOAT, 0.0);
    private final Trait<Double> max = trait("max", Type.FLOAT, 100.0);
    private final Bounds<Double> bounds;

    /** A bounded double control of {@code @jupyter-widgets/controls}: model, view and style. */
    protected BoundedFloat(String modelName, String viewName, S style, Class<S> styleType) {
        super(modelName, viewName, style, styleType);
        bounds = new Bounds<>(getClass().getSimpleName(), value, min, max, (a, b) -> a < b);
    }

    /** The value. */
    public double value() {
        return value.get();
    }

    /** Sets the value (clamped into [min, max]). */
    public W value(double v) {
        set(value, v);
        return self();
    }

    /** Adds {@code delta} to the value atomically (safe from many threads), clamped into [min, max]. */
    public void add(double delta) {
        update(tx -> tx.set(value, tx.get(value) + delta));
    }

    /** The minimum. */
    public double min() {
        return min.get();
    }

    /** Sets the minimum (at most max; raises the value if below). */
    public W min(double m) {
        set(min, m);
        return self();
    }

    /** The maximum. */
    public double max() {
        return max.get();
    }

    /** Sets the maximum (at least min; lowers the value if above). */
    public W max(double m) {
        set(max, m);
        return self();
    }

    /** Sets the range and the value together. */
    public W range(double newMin, double newMax, double newValue) {
        update(bounds.range(newMin, newMax, newValue));
        return self();
    }
}
