package org.bighead.widgets;

/** HTML rendered in place (ipywidgets' {@code HTML}, {@code HTMLModel}); change it to update the page live. */
public final class HTML extends StringWidget<HTML, HTMLStyle> {
    /** Empty HTML. */
    public HTML() {
        this("");
    }

    /** Shows {@code html}. */
    public HTML(String html) {
        super("HTMLModel", "HTMLView", new HTMLStyle(), HTMLStyle.class, html);
    }
}
