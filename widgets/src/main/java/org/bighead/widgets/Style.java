package org.bighead.widgets;

/**
 * Styling of one kind of control (ipywidgets' {@code Style}): a model of {@code @jupyter-widgets/controls} shown
 * by the base module's {@code StyleView}. Each control has its own kind: {@link SliderStyle}, {@link ButtonStyle}...
 */
public abstract class Style extends Widget {
    /** A style model of {@code @jupyter-widgets/controls} named {@code modelName}. */
    protected Style(String modelName) {
        super(CONTROLS, CONTROLS_VERSION, modelName, BASE, BASE_VERSION, "StyleView");
    }

    /** A CSS string trait: null (unset) by default, or "" where ipywidgets starts with "". */
    protected final Trait<String> css(String name, String defaultValue) {
        return trait(name, defaultValue == null ? Type.NULLABLE_STRING : Type.STRING, defaultValue);
    }
}
