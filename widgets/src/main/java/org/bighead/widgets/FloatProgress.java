package org.bighead.widgets;

/** A progress bar over doubles (ipywidgets' {@code FloatProgress}, {@code FloatProgressModel}). */
public final class FloatProgress extends BoundedFloat<FloatProgress, ProgressStyle> {
    private final Trait<String> orientation =
            trait("orientation", Type.STRING, "horizontal").oneOf("horizontal", "vertical");
    private final Trait<String> barStyle =
            trait("bar_style", Type.NULLABLE_STRING, "").oneOf("success", "info", "warning", "danger", "");

    /** A bar from 0 to 100 at 0. */
    public FloatProgress() {
        super("FloatProgressModel", "ProgressView", new ProgressStyle(), ProgressStyle.class);
    }

    /** A bar from {@code min} to {@code max} at {@code value}. */
    public FloatProgress(double value, double min, double max) {
        this();
        range(min, max, value);
    }

    /** "horizontal" or "vertical". */
    public String orientation() {
        return orientation.get();
    }

    /** Sets the orientation: "horizontal" or "vertical". */
    public FloatProgress orientation(String value) {
        set(orientation, value);
        return this;
    }

    /** The bar's predefined color: "success", "info", "warning", "danger", "" or null. */
    public String barStyle() {
        return barStyle.get();
    }

    /** Sets the bar's predefined color: "success", "info", "warning", "danger" or "". */
    public FloatProgress barStyle(String value) {
        set(barStyle, value);
        return this;
    }
}
