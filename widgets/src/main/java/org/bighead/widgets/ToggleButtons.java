package org.bighead.widgets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A row of buttons of which one is pressed (ipywidgets' {@code ToggleButtons}, {@code ToggleButtonsModel}). */
public final class ToggleButtons extends Selection<ToggleButtons, ToggleButtonsStyle> {
    private final Trait<List<String>> tooltips = trait("tooltips", Type.STRINGS, List.of());
    private final Trait<List<String>> icons = trait("icons", Type.STRINGS, List.of());
    private final Trait<String> buttonStyle = trait("button_style", Type.NULLABLE_STRING, "")
            .oneOf("primary", "success", "info", "warning", "danger", "");

    /** Toggle buttons with no options. */
    public ToggleButtons() {
        this(List.of());
    }

    private ToggleButtons(Object options) {
        super("ToggleButtonsModel", "ToggleButtonsView", new ToggleButtonsStyle(), ToggleButtonsStyle.class, options);
    }

    /** Options labelled with their values' text; the first is selected. */
    public static ToggleButtons of(Object... values) {
        return new ToggleButtons(Arrays.asList(values));
    }

    /** Options from values, {@link Option}s, or a label → value map; the first is selected. */
    public static ToggleButtons of(List<?> options) {
        return new ToggleButtons(options);
    }

    /** Options from a label → value map (in its order); the first is selected. */
    public static ToggleButtons of(Map<String, ?> labelToValue) {
        return new ToggleButtons(labelToValue);
    }

    /** Sets one tooltip per button. */
    public ToggleButtons tooltips(String... values) {
        set(tooltips, List.of(values));
        return this;
    }

    /** Sets one Font Awesome icon per button ("check", "times"). */
    public ToggleButtons icons(String... values) {
        set(icons, List.of(values));
        return this;
    }

    /** Sets the predefined style of every button: "primary", "success", "info", "warning", "danger" or "". */
    public ToggleButtons buttonStyle(String value) {
        set(buttonStyle, value);
        return this;
    }

    /** The predefined style of the buttons. */
    public String buttonStyle() {
        return buttonStyle.get();
    }
}
