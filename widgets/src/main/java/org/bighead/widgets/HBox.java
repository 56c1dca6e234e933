package org.bighead.widgets;

/** Widgets side by side (ipywidgets' {@code HBox}, {@code HBoxModel}). */
public final class HBox extends Box<HBox> {
    /** A row of {@code children}. */
    public HBox(Widget... children) {
        super("HBoxModel", "HBoxView");
        children(children);
    }
}
