package org.bighead.widgets;

/** Collapsible pages (ipywidgets' {@code Accordion}, {@code AccordionModel}); none is open at first. */
public final class Accordion extends SelectionContainer<Accordion> {
    /** An accordion over {@code children}, all collapsed. */
    public Accordion(Widget... children) {
        super("AccordionModel", "AccordionView");
        children(children);
    }
}
