package org.bighead.widgets;

/** Style of HTML ({@code HTMLStyleModel}). */
public final class HTMLStyle extends StringStyle {
    /** Default HTML style. */
    public HTMLStyle() {
        super("HTMLStyleModel");
    }
}
