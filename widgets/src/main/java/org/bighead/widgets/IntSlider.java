package org.bighead.widgets;

/** A slider over ints (ipywidgets' {@code IntSlider}, {@code IntSliderModel}): {@code new IntSlider(5, 0, 10)}. */
public final class IntSlider extends BoundedInt<IntSlider, SliderStyle> {
    private final Trait<Integer> step = trait("step", Type.INT, 1);
    private final Trait<String> orientation =
            trait("orientation", Type.STRING, "horizontal").oneOf("horizontal", "vertical");
    private final Trait<Boolean> readout = trait("readout", Type.BOOL, true);
    private final Trait<String> readoutFormat = trait("readout_format", Type.STRING, "d");
    private final Trait<Boolean> continuousUpdate = trait("continuous_update", Type.BOOL, true);
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<String> behavior =
            trait("behavior", Type.STRING, "drag-tap").oneOf("drag-tap", "drag-snap", "tap", "drag", "snap");

    /** A slider from 0 to 100 at 0. */
    public IntSlider() {
        super("IntSliderModel", "IntSliderView", new SliderStyle(), SliderStyle.class);
    }

    /** A slider from {@code min} to {@code max} at {@code value}. */
    public IntSlider(int value, int min, int max) {
        this();
        range(min, max, value);
    }

    /** The step between values. */
    public int step() {
        return step.get();
    }

    /** Sets the step between values. */
    public IntSlider step(int value) {
        set(step, value);
        return this;
    }

    /** "horizontal" or "vertical". */
    public String orientation() {
        return orientation.get();
    }

    /** Sets the orientation: "horizontal" or "vertical". */
    public IntSlider orientation(String value) {
        set(orientation, value);
        return this;
    }

    /** Shows (or hides) the value next to the slider. */
    public IntSlider readout(boolean value) {
        set(readout, value);
        return this;
    }

    /** Sets the d3-format of the shown value ("d", ",d"). */
    public IntSlider readoutFormat(String value) {
        set(readoutFormat, value);
        return this;
    }

    /** Updates the value while dragging (true) or only on release (false). */
    public IntSlider continuousUpdate(boolean value) {
        set(continuousUpdate, value);
        return this;
    }

    /** Whether the user cannot move it. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) moving it. */
    public IntSlider disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** Sets how the handle reacts: "drag-tap", "drag-snap", "tap", "drag" or "snap". */
    public IntSlider behavior(String value) {
        set(behavior, value);
        return this;
    }
}
