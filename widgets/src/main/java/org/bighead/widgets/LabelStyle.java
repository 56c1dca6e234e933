package org.bighead.widgets;

/** Style of Label ({@code LabelStyleModel}): the text styles plus font family, style, variant, weight, decoration. */
public final class LabelStyle extends StringStyle {
    private final Trait<String> fontFamily = css("font_family", null);
    private final Trait<String> fontStyle = css("font_style", null);
    private final Trait<String> fontVariant = css("font_variant", null);
    private final Trait<String> fontWeight = css("font_weight", null);
    private final Trait<String> textDecoration = css("text_decoration", null);

    /** Default label style. */
    public LabelStyle() {
        super("LabelStyleModel");
    }

    /** Sets the font family. */
    public LabelStyle fontFamily(String value) {
        set(fontFamily, value);
        return this;
    }

    /** Sets the font style ("italic"). */
    public LabelStyle fontStyle(String value) {
        set(fontStyle, value);
        return this;
    }

    /** Sets the font variant ("small-caps"). */
    public LabelStyle fontVariant(String value) {
        set(fontVariant, value);
        return this;
    }

    /** Sets the font weight ("bold"). */
    public LabelStyle fontWeight(String value) {
        set(fontWeight, value);
        return this;
    }

    /** Sets the text decoration ("underline"). */
    public LabelStyle textDecoration(String value) {
        set(textDecoration, value);
        return this;
    }
}
