package org.bighead.widgets;

/** Widgets stacked vertically (ipywidgets' {@code VBox}, {@code VBoxModel}). */
public final class VBox extends Box<VBox> {
    /** A column of {@code children}. */
    public VBox(Widget... children) {
        super("VBoxModel", "VBoxView");
        children(children);
    }
}
