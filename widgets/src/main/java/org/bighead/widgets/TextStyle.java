package org.bighead.widgets;

/** Style of Text and Textarea ({@code TextStyleModel}). */
public final class TextStyle extends StringStyle {
    /** Default text style. */
    public TextStyle() {
        super("TextStyleModel");
    }
}
