package org.bighead.widgets;

/** Style of Checkbox ({@code CheckboxStyleModel}): the background. */
public final class CheckboxStyle extends DescriptionStyle {
    private final Trait<String> background = css("background", null);

    /** Default checkbox style. */
    public CheckboxStyle() {
        super("CheckboxStyleModel");
    }

    /** The background, or null. */
    public String background() {
        return background.get();
    }

    /** Sets the background (any CSS background). */
    public CheckboxStyle background(String value) {
        set(background, value);
        return this;
    }

    @Override
    public CheckboxStyle descriptionWidth(String value) {
        super.descriptionWidth(value);
        return this;
    }
}
