package org.bighead.widgets;

/** Style of IntProgress and FloatProgress ({@code ProgressStyleModel}): the bar's color. */
public final class ProgressStyle extends DescriptionStyle {
    private final Trait<String> barColor = css("bar_color", null);

    /** Default progress style. */
    public ProgressStyle() {
        super("ProgressStyleModel");
    }

    /** The bar's color, or null (the bar style's color). */
    public String barColor() {
        return barColor.get();
    }

    /** Sets the bar's color (any CSS color). */
    public ProgressStyle barColor(String value) {
        set(barColor, value);
        return this;
    }

    @Override
    public ProgressStyle descriptionWidth(String value) {
        super.descriptionWidth(value);
        return this;
    }
}
