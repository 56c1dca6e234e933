package org.bighead.widgets;

/** Style of Button ({@code ButtonStyleModel}): its color and font. */
public final class ButtonStyle extends Style {
    private final Trait<String> buttonColor = css("button_color", null);
    private final Trait<String> fontFamily = css("font_family", null);
    private final Trait<String> fontSize = css("font_size", null);
    private final Trait<String> fontStyle = css("font_style", null);
    private final Trait<String> fontVariant = css("font_variant", null);
    private final Trait<String> fontWeight = css("font_weight", null);
    private final Trait<String> textColor = css("text_color", null);
    private final Trait<String> textDecoration = css("text_decoration", null);

    /** Default button style. */
    public ButtonStyle() {
        super("ButtonStyleModel");
    }

    /** Sets the button's color. */
    public ButtonStyle buttonColor(String value) {
        set(buttonColor, value);
        return this;
    }

    /** Sets the font family. */
    public ButtonStyle fontFamily(String value) {
        set(fontFamily, value);
        return this;
    }

    /** Sets the font size. */
    public ButtonStyle fontSize(String value) {
        set(fontSize, value);
        return this;
    }

    /** Sets the font style. */
    public ButtonStyle fontStyle(String value) {
        set(fontStyle, value);
        return this;
    }

    /** Sets the font variant. */
    public ButtonStyle fontVariant(String value) {
        set(fontVariant, value);
        return this;
    }

    /** Sets the font weight. */
    public ButtonStyle fontWeight(String value) {
        set(fontWeight, value);
        return this;
    }

    /** Sets the text color. */
    public ButtonStyle textColor(String value) {
        set(textColor, value);
        return this;
    }

    /** Sets the text decoration. */
    public ButtonStyle textDecoration(String value) {
        set(textDecoration, value);
        return this;
    }
}
