package org.bighead.widgets;

/** Style of a control with a description: the description's width (ipywidgets' {@code DescriptionStyle}). */
public class DescriptionStyle extends Style {
    private final Trait<String> descriptionWidth = css("description_width", "");

    /** The style of Dropdown and Select ({@code DescriptionStyleModel}). */
    public DescriptionStyle() {
        this("DescriptionStyleModel");
    }

    /** A style model that extends the description style (sliders, progress bars...). */
    protected DescriptionStyle(String modelName) {
        super(modelName);
    }

    /** The width of the description ("" lets the frontend choose). */
    public String descriptionWidth() {
        return descriptionWidth.get();
    }

    /** Sets the width of the description ("150px", "initial" for its natural width). */
    public DescriptionStyle descriptionWidth(String value) {
        set(descriptionWidth, value);
        return this;
    }
}
