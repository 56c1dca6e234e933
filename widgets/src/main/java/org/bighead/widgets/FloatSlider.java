package org.bighead.widgets;

/** A slider over doubles (ipywidgets' {@code FloatSlider}, {@code FloatSliderModel}). */
public final class FloatSlider extends BoundedFloat<FloatSlider, SliderStyle> {
    private final Trait<Double> step = trait("step", Type.NULLABLE_FLOAT, 0.1);
    private final Trait<String> orientation =
            trait("orientation", Type.STRING, "horizontal").oneOf("horizontal", "vertical");
    private final Trait<Boolean> readout = trait("readout", Type.BOOL, true);
    private final Trait<String> readoutFormat = trait("readout_format", Type.STRING, ".2f");
    private final Trait<Boolean> continuousUpdate = trait("continuous_update", Type.BOOL, true);
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<String> behavior =
            trait("behavior", Type.STRING, "drag-tap").oneOf("drag-tap", "drag-snap", "tap", "drag", "snap");

    /** A slider from 0 to 100 at 0, in steps of 0.1. */
    public FloatSlider() {
        super("FloatSliderModel", "FloatSliderView", new SliderStyle(), SliderStyle.class);
    }

    /** A slider from {@code min} to {@code max} at {@code value}. */
    public FloatSlider(double value, double min, double max) {
        this();
        range(min, max, value);
    }

    /** The step between values, or null for any. */
    public Double step() {
        return step.get();
    }

    /** Sets the step between values (null: any). */
    public FloatSlider step(Double value) {
        set(step, value);
        return this;
    }

    /** "horizontal" or "vertical". */
    public String orientation() {
        return orientation.get();
    }

    /** Sets the orientation: "horizontal" or "vertical". */
    public FloatSlider orientation(String value) {
        set(orientation, value);
        return this;
    }

    /** Shows (or hides) the value next to the slider. */
    public FloatSlider readout(boolean value) {
        set(readout, value);
        return this;
    }

    /** Sets the d3-format of the shown value (".2f", ".1e"). */
    public FloatSlider readoutFormat(String value) {
        set(readoutFormat, value);
        return this;
    }

    /** Updates the value while dragging (true) or only on release (false). */
    public FloatSlider continuousUpdate(boolean value) {
        set(continuousUpdate, value);
        return this;
    }

    /** Whether the user cannot move it. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) moving it. */
    public FloatSlider disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** Sets how the handle reacts: "drag-tap", "drag-snap", "tap", "drag" or "snap". */
    public FloatSlider behavior(String value) {
        set(behavior, value);
        return this;
    }
}
