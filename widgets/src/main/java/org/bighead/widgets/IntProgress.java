package org.bighead.widgets;

/**
 * A progress bar over ints (ipywidgets' {@code IntProgress}, {@code IntProgressModel}). Set it from any thread as
 * often as you like: the browser gets the latest value every ~20 ms.
 */
public final class IntProgress extends BoundedInt<IntProgress, ProgressStyle> {
    private final Trait<String> orientation =
            trait("orientation", Type.STRING, "horizontal").oneOf("horizontal", "vertical");
    private final Trait<String> barStyle =
            trait("bar_style", Type.STRING, "").oneOf("success", "info", "warning", "danger", "");

    /** A bar from 0 to 100 at 0. */
    public IntProgress() {
        super("IntProgressModel", "ProgressView", new ProgressStyle(), ProgressStyle.class);
    }

    /** A bar from {@code min} to {@code max} at {@code value}. */
    public IntProgress(int value, int min, int max) {
        this();
        range(min, max, value);
    }

    /** "horizontal" or "vertical". */
    public String orientation() {
        return orientation.get();
    }

    /** Sets the orientation: "horizontal" or "vertical". */
    public IntProgress orientation(String value) {
        set(orientation, value);
        return this;
    }

    /** The bar's predefined color: "success", "info", "warning", "danger" or "". */
    public String barStyle() {
        return barStyle.get();
    }

    /** Sets the bar's predefined color: "success", "info", "warning", "danger" or "". */
    public IntProgress barStyle(String value) {
        set(barStyle, value);
        return this;
    }
}
