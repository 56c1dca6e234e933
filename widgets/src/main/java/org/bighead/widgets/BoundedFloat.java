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

    /** A bounded double control of {@code @jupyter-widgets/controls}: model, view and style. */
    protected BoundedFloat(String modelName, String viewName, S style, Class<S> styleType) {
        super(modelName, viewName, style, styleType);
        value.validate(v -> min.raw() > v || max.raw() < v ? Math.max(min.raw(), Math.min(max.raw(), v)) : v);
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
        if (newMin > newMax) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": min " + newMin + " > max " + newMax);
        }
        update(tx -> {
            tx.set(min, Math.min(newMin, tx.get(min)));
            tx.set(max, Math.max(newMax, tx.get(max)));
            tx.set(min, newMin);
            tx.set(max, newMax);
            tx.set(value, newValue);
        });
        return self();
    }
}
