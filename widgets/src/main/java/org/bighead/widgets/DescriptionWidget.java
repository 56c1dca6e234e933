package org.bighead.widgets;

/**
 * A control with a description label at its side and a style (ipywidgets' {@code DescriptionWidget}): text boxes,
 * sliders, progress bars, selections, checkboxes.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class DescriptionWidget<W extends DescriptionWidget<W, S>, S extends DescriptionStyle>
        extends DOMWidget<W> {
    private final Trait<String> description = trait("description", Type.STRING, "");
    private final Trait<Boolean> descriptionAllowHtml = trait("description_allow_html", Type.BOOL, false);
    private final Trait<Widget> style;
    private final Class<S> styleType;

    /** A control of {@code @jupyter-widgets/controls} with its style, whose type is checked when replaced. */
    protected DescriptionWidget(String modelName, String viewName, S style, Class<S> styleType) {
        super(CONTROLS, CONTROLS_VERSION, modelName, CONTROLS, CONTROLS_VERSION, viewName);
        this.styleType = styleType;
        this.style = trait("style", Type.WIDGET, style).validate(v -> requireType(v, styleType, "style"));
    }

    /** The label at the side. */
    public String description() {
        return description.get();
    }

    /** Sets the label at the side. */
    public W description(String value) {
        set(description, value);
        return self();
    }

    /** Whether the description is rendered as HTML. */
    public boolean descriptionAllowHtml() {
        return descriptionAllowHtml.get();
    }

    /** Renders the description as HTML (or as text). */
    public W descriptionAllowHtml(boolean value) {
        set(descriptionAllowHtml, value);
        return self();
    }

    /** The style (description width, colors). */
    public S style() {
        return styleType.cast(style.get());
    }

    /** Replaces the style. */
    public W style(S value) {
        set(style, value);
        return self();
    }
}
