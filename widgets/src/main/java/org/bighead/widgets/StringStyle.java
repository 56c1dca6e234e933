package org.bighead.widgets;

/** Style shared by text widgets (ipywidgets' {@code _StringStyle}): background, font size, text color. */
public abstract class StringStyle extends DescriptionStyle {
    private final Trait<String> background = css("background", null);
    private final Trait<String> fontSize = css("font_size", null);
    private final Trait<String> textColor = css("text_color", null);

    /** A text style model ({@code TextStyleModel}, {@code HTMLStyleModel}, {@code LabelStyleModel}). */
    protected StringStyle(String modelName) {
        super(modelName);
    }

    /** Sets the background (any CSS background). */
    public StringStyle background(String value) {
        set(background, value);
        return this;
    }

    /** Sets the font size ("14px"). */
    public StringStyle fontSize(String value) {
        set(fontSize, value);
        return this;
    }

    /** Sets the text color. */
    public StringStyle textColor(String value) {
        set(textColor, value);
        return this;
    }

    @Override
    public StringStyle descriptionWidth(String value) {
        super.descriptionWidth(value);
        return this;
    }
}
