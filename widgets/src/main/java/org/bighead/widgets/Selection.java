package org.bighead.widgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A single choice among options (ipywidgets' {@code _Selection}): Dropdown, Select, ToggleButtons. As in
 * ipywidgets 8, the browser sees only the labels ({@code _options_labels}) and the selected {@code index}; the
 * values stay in the kernel, so any Java object can be an option's value. {@code index}, {@code value} and
 * {@code label} always agree, whichever changed: observe "value" to hear the user's choice.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class Selection<W extends Selection<W, S>, S extends DescriptionStyle> extends DescriptionWidget<W, S> {
    private final Trait<List<String>> labels =
            trait("_options_labels", Type.STRINGS, List.of()).readOnly();
    private final Trait<Integer> index = trait("index", Type.NULLABLE_INT, null);
    private final Trait<Object> value = trait("value", Type.ANY, null).kernelOnly();
    private final Trait<String> label =
            trait("label", Type.NULLABLE_STRING, null).kernelOnly();
    private final Trait<Object> options = trait("options", Type.ANY, List.of()).kernelOnly();
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);

    /** A selection over {@code options} (values, {@link Option}s or a label → value map); the first is selected. */
    protected Selection(String modelName, String viewName, S style, Class<S> styleType, Object options) {
        super(modelName, viewName, style, styleType);
        index.validate(i -> {
                    if (i != null && (i < 0 || i >= labels.raw().size())) {
                        throw new IllegalArgumentException(getClass().getSimpleName() + ": no option " + i + " among "
                                + labels.raw().size() + " options " + labels.raw());
                    }
                    return i;
                })
                .then((tx, i) -> {
                    tx.set(label, i == null ? null : labels.raw().get(i));
                    tx.set(value, i == null ? null : optionList().get(i).value());
                });
        value.validate(v -> v == null
                        ? null
                        : optionList().stream()
                                .map(Option::value)
                                .filter(o -> Objects.equals(o, v))
                                .findFirst()
                                .orElseThrow(() ->
                                        new IllegalArgumentException(getClass().getSimpleName() + ": " + Py.repr(v)
                                                + " is not one of the values " + values())))
                .then((tx, v) -> {
                    Integer current = tx.get(index);
                    if (v == null) {
                        tx.set(index, null);
                    } else if (current == null
                            || !Objects.equals(optionList().get(current).value(), v)) {
                        tx.set(index, values().indexOf(v));
                    }
                });
        label.validate(l -> {
                    if (l != null && !labels.raw().contains(l)) {
                        throw new IllegalArgumentException(getClass().getSimpleName() + ": no option labelled "
                                + Py.repr(l) + " among " + labels.raw());
                    }
                    return l;
                })
                .then((tx, l) -> {
                    Integer current = tx.get(index);
                    if (l == null) {
                        tx.set(index, null);
                    } else if (current == null || !labels.raw().get(current).equals(l)) {
                        tx.set(index, labels.raw().indexOf(l));
                    }
                });
        this.options.validate(Option::list).then((tx, list) -> {
            List<Option> opts = optionList();
            tx.set(labels, opts.stream().map(Option::label).collect(Collectors.toList()));
            Integer current = tx.get(index);
            if (current == null) {
                return; // as in ipywidgets: new options do not force a selection
            }
            if (opts.isEmpty()) {
                tx.set(index, null);
            } else if (current == 0) {
                tx.set(label, opts.get(0).label());
                tx.set(value, opts.get(0).value());
            } else {
                tx.set(index, 0);
            }
        });
        List<Option> initial = Option.list(options);
        update(tx -> {
            tx.set(this.options, initial);
            tx.set(index, initial.isEmpty() ? null : 0);
        });
    }

    @SuppressWarnings("unchecked")
    private List<Option> optionList() {
        return (List<Option>) options.raw();
    }

    private List<Object> values() {
        return optionList().stream().map(Option::value).collect(Collectors.toList());
    }

    /** The options, label and value each. */
    public List<Option> options() {
        return optionList();
    }

    /** Replaces the options by values (labelled with their text) or {@link Option}s; selects the first. */
    public W options(Object... values) {
        set(options, Arrays.asList(values));
        return self();
    }

    /** Replaces the options by values or {@link Option}s (the first is selected if one was). */
    public W options(List<?> values) {
        set(options, values);
        return self();
    }

    /** Replaces the options by a label → value map, in its order (the first is selected if one was). */
    public W options(Map<String, ?> labelToValue) {
        set(options, labelToValue);
        return self();
    }

    /** The selected value, or null when nothing is selected. */
    public Object value() {
        return value.get();
    }

    /** Selects the option with this value (compared with equals); null selects nothing. */
    public W value(Object selected) {
        set(value, selected);
        return self();
    }

    /** The selected label, or null. */
    public String label() {
        return label.get();
    }

    /** Selects the option with this label. */
    public W label(String selected) {
        set(label, selected);
        return self();
    }

    /** The selected index, or null. */
    public Integer index() {
        return index.get();
    }

    /** Selects the option at {@code i} (0-based); null selects nothing. */
    public W index(Integer i) {
        set(index, i);
        return self();
    }

    /** Whether the user cannot change the selection. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) changes by the user. */
    public W disabled(boolean value) {
        set(disabled, value);
        return self();
    }

    @Override
    protected List<String> reprKeys() {
        List<String> keys = new ArrayList<>(super.reprKeys());
        keys.remove("index");
        if (!Objects.equals(index.raw(), 0) && index.raw() != null) keys.add("index");
        keys.add("options");
        keys.add("value");
        Collections.sort(keys);
        return keys;
    }

    @Override
    protected String reprValue(String key) {
        if (key.equals("options")) {
            List<Option> opts = optionList();
            boolean plain = opts.stream().allMatch(o -> o.label().equals(String.valueOf(o.value())));
            return Py.tuple(plain ? values() : opts);
        }
        return super.reprValue(key);
    }
}
