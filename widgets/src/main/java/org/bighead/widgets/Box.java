package org.bighead.widgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Widgets laid out together (ipywidgets' {@code Box}): {@link VBox} stacks them, {@link HBox} puts them in a row.
 *
 * @param <W> the concrete widget
 */
public abstract class Box<W extends Box<W>> extends DOMWidget<W> {
    /** The children (subclasses may react to their change with {@link Trait#then}). */
    protected final Trait<List<Widget>> children = trait("children", Type.WIDGETS, List.of());

    private final Trait<String> boxStyle =
            trait("box_style", Type.STRING, "").oneOf("success", "info", "warning", "danger", "");

    /** A box of {@code @jupyter-widgets/controls} with this model and view. */
    protected Box(String modelName, String viewName) {
        super(CONTROLS, CONTROLS_VERSION, modelName, CONTROLS, CONTROLS_VERSION, viewName);
    }

    /** The children, in order. */
    public List<Widget> children() {
        return children.get();
    }

    /** Replaces the children. */
    public W children(Widget... widgets) {
        return children(Arrays.asList(widgets));
    }

    /** Replaces the children. */
    public W children(List<? extends Widget> widgets) {
        set(children, widgets);
        return self();
    }

    /** Appends children. */
    public W add(Widget... widgets) {
        update(tx -> {
            List<Widget> more = new ArrayList<>(tx.get(children));
            more.addAll(Arrays.asList(widgets));
            tx.set(children, more);
        });
        return self();
    }

    /** The predefined style: "success", "info", "warning", "danger" or "". */
    public String boxStyle() {
        return boxStyle.get();
    }

    /** Sets the predefined style (a colored border): "success", "info", "warning", "danger" or "". */
    public W boxStyle(String value) {
        set(boxStyle, value);
        return self();
    }
}
