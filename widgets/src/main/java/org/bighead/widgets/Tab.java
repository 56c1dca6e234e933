package org.bighead.widgets;

/** Pages behind tabs (ipywidgets' {@code Tab}, {@code TabModel}); a tab is selected whenever there are pages. */
public final class Tab extends SelectionContainer<Tab> {
    /** Tabs over {@code children}; the first is selected. */
    public Tab(Widget... children) {
        super("TabModel", "TabView");
        children(children);
    }

    @Override
    Integer reselect(Integer selected, int pages) {
        if (pages == 0) return null;
        if (selected == null) return 0;
        return selected >= pages ? pages - 1 : selected;
    }
}
