package org.bighead.widgets;

/** Style of ToggleButtons ({@code ToggleButtonsStyleModel}): each button's width and font weight. */
public final class ToggleButtonsStyle extends DescriptionStyle {
    private final Trait<String> buttonWidth = css("button_width", "");
    private final Trait<String> fontWeight = css("font_weight", "");

    /** Default toggle buttons style. */
    public ToggleButtonsStyle() {
        super("ToggleButtonsStyleModel");
    }

    /** Sets the width of each button ("100px"). */
    public ToggleButtonsStyle buttonWidth(String value) {
        set(buttonWidth, value);
        return this;
    }

    /** Sets the font weight of each button ("bold"). */
    public ToggleButtonsStyle fontWeight(String value) {
        set(fontWeight, value);
        return this;
    }

    @Override
    public ToggleButtonsStyle descriptionWidth(String value) {
        super.descriptionWidth(value);
        return this;
    }
}
