package org.bighead.widgets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A list box showing several options at once (ipywidgets' {@code Select}, {@code SelectModel}). */
public final class Select extends Selection<Select, DescriptionStyle> {
    private final Trait<Integer> rows = trait("rows", Type.INT, 5);

    /** A list box with no options. */
    public Select() {
        this(List.of());
    }

    private Select(Object options) {
        super("SelectModel", "SelectView", new DescriptionStyle(), DescriptionStyle.class, options);
    }

    /** Options labelled with their values' text; the first is selected. */
    public static Select of(Object... values) {
        return new Select(Arrays.asList(values));
    }

    /** Options from values, {@link Option}s, or a label → value map; the first is selected. */
    public static Select of(List<?> options) {
        return new Select(options);
    }

    /** Options from a label → value map (in its order); the first is selected. */
    public static Select of(Map<String, ?> labelToValue) {
        return new Select(labelToValue);
    }

    /** The number of rows shown. */
    public int rows() {
        return rows.get();
    }

    /** Sets the number of rows shown. */
    public Select rows(int value) {
        set(rows, value);
        return this;
    }
}
