package org.bighead.widgets;

/** Style of IntSlider and FloatSlider ({@code SliderStyleModel}): the handle's color. */
public final class SliderStyle extends DescriptionStyle {
    private final Trait<String> handleColor = css("handle_color", null);

    /** Default slider style. */
    public SliderStyle() {
        super("SliderStyleModel");
    }

    /** The handle's color, or null. */
    public String handleColor() {
        return handleColor.get();
    }

    /** Sets the handle's color (any CSS color). */
    public SliderStyle handleColor(String value) {
        set(handleColor, value);
        return this;
    }

    @Override
    public SliderStyle descriptionWidth(String value) {
        super.descriptionWidth(value);
        return this;
    }
}
