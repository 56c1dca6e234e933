package org.bighead.widgets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One choice of a selection widget: the label the user sees and the Java value the kernel gets.
 *
 * @param label shown in the browser
 * @param value what {@code value()} returns when this option is selected
 */
public record Option(String label, Object value) {

    /** An option labelled with its value's text ({@code String.valueOf}), as ipywidgets labels plain values. */
    public static Option of(Object value) {
        return new Option(String.valueOf(value), value);
    }

    /** An option with its own label. */
    public static Option of(String label, Object value) {
        return new Option(label, value);
    }

    /** Options from values, from {@link Option}s, or from a label → value map (in its iteration order). */
    static List<Option> list(Object options) {
        List<Option> list = new ArrayList<>();
        if (options instanceof Map<?, ?> map) {
            map.forEach((label, value) -> list.add(new Option(String.valueOf(label), value)));
        } else if (options instanceof Collection<?> items) {
            items.forEach(item -> list.add(item instanceof Option o ? o : of(item)));
        } else if (options instanceof Object[] items) {
            for (Object item : items) list.add(item instanceof Option o ? o : of(item));
        } else {
            throw new IllegalArgumentException("options must be values, Options or a label -> value map, not "
                    + (options == null ? "null" : options.getClass().getSimpleName()));
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "(" + Py.repr(label) + ", " + Py.repr(value) + ")";
    }
}
