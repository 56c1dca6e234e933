package org.bighead.widgets;

/** A line of text, with LaTeX between {@code $...$} rendered (ipywidgets' {@code Label}, {@code LabelModel}). */
public final class Label extends StringWidget<Label, LabelStyle> {
    /** An empty label. */
    public Label() {
        this("");
    }

    /** A label showing {@code text}. */
    public Label(String text) {
        super("LabelModel", "LabelView", new LabelStyle(), LabelStyle.class, text);
    }
}
