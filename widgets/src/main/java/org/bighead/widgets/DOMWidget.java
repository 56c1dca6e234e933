package org.bighead.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A widget with a place on the page: CSS classes, a {@link Layout}, a tooltip (ipywidgets' {@code DOMWidget}).
 * The setters return the concrete widget, so calls chain: {@code new IntSlider().max(10).tooltip("epochs")}.
 *
 * @param <W> the concrete widget
 */
public abstract class DOMWidget<W extends DOMWidget<W>> extends Widget {
    private final Trait<List<String>> domClasses = trait("_dom_classes", Type.STRINGS, List.of());
    private final Trait<Boolean> tabbable = trait("tabbable", Type.NULLABLE_BOOL, null);
    private final Trait<String> tooltip = trait("tooltip", Type.NULLABLE_STRING, null);
    private final Trait<Widget> layout =
            trait("layout", Type.WIDGET, new Layout()).validate(v -> requireType(v, Layout.class, "layout"));

    /** A widget whose browser model and view are these (module, version, name). */
    protected DOMWidget(
            String modelModule,
            String modelModuleVersion,
            String modelName,
            String viewModule,
            String viewModuleVersion,
            String viewName) {
        super(modelModule, modelModuleVersion, modelName, viewModule, viewModuleVersion, viewName);
    }

    /** This widget as its concrete type, for chained setters. */
    @SuppressWarnings("unchecked")
    protected final W self() {
        return (W) this;
    }

    static Widget requireType(Widget value, Class<?> type, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + " must be a " + type.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
        return value;
    }

    /** The layout (CSS size, margins, flex and grid placement). */
    public Layout layout() {
        return (Layout) layout.get();
    }

    /** Replaces the layout. */
    public W layout(Layout value) {
        set(layout, value);
        return self();
    }

    /** The tooltip, or null. */
    public String tooltip() {
        return tooltip.get();
    }

    /** Sets the tooltip shown on hover. */
    public W tooltip(String value) {
        set(tooltip, value);
        return self();
    }

    /** Whether the widget takes keyboard focus with Tab (null: the browser's default). */
    public Boolean tabbable() {
        return tabbable.get();
    }

    /** Sets whether the widget takes keyboard focus with Tab. */
    public W tabbable(Boolean value) {
        set(tabbable, value);
        return self();
    }

    /** The CSS classes added to the widget's element. */
    public List<String> cssClasses() {
        return domClasses.get();
    }

    /** Adds a CSS class to the widget's element (once). */
    public W addClass(String className) {
        update(tx -> {
            List<String> classes = tx.get(domClasses);
            if (!classes.contains(className)) {
                List<String> more = new ArrayList<>(classes);
                more.add(className);
                tx.set(domClasses, more);
            }
        });
        return self();
    }

    /** Removes a CSS class from the widget's element. */
    public W removeClass(String className) {
        update(tx -> {
            List<String> fewer = new ArrayList<>(tx.get(domClasses));
            if (fewer.remove(className)) {
                tx.set(domClasses, fewer);
            }
        });
        return self();
    }

    /** Gives the widget keyboard focus in the browser. */
    public W focus() {
        send(WireState.JSON.objectNode().put("do", "focus"), List.of());
        return self();
    }

    /** Takes keyboard focus away from the widget in the browser. */
    public W blur() {
        send(WireState.JSON.objectNode().put("do", "blur"), List.of());
        return self();
    }

    @Override
    public W observe(String name, Consumer<Change> observer) {
        super.observe(name, observer);
        return self();
    }

    @Override
    public W unobserve(String name, Consumer<Change> observer) {
        super.unobserve(name, observer);
        return self();
    }

    @Override
    public W onCustomMessage(BiConsumer<JsonNode, List<byte[]>> handler) {
        super.onCustomMessage(handler);
        return self();
    }

    @Override
    public W set(String name, Object value) {
        super.set(name, value);
        return self();
    }
}
