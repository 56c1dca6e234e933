package org.bighead.widgets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A drop-down list (ipywidgets' {@code Dropdown}, {@code DropdownModel}):
 * {@code Dropdown.of("a", "b", "c").observe("value", ch -> ...)}.
 */
public final class Dropdown extends Selection<Dropdown, DescriptionStyle> {
    /** A drop-down with no options. */
    public Dropdown() {
        this(List.of());
    }

    private Dropdown(Object options) {
        super("DropdownModel", "DropdownView", new DescriptionStyle(), DescriptionStyle.class, options);
    }

    /** Options labelled with their values' text; the first is selected. */
    public static Dropdown of(Object... values) {
        return new Dropdown(Arrays.asList(values));
    }

    /** Options from values, {@link Option}s, or a label → value map; the first is selected. */
    public static Dropdown of(List<?> options) {
        return new Dropdown(options);
    }

    /** Options from a label → value map (in its order); the first is selected. */
    public static Dropdown of(Map<String, ?> labelToValue) {
        return new Dropdown(labelToValue);
    }
}
