package org.bighead.widgets;

/**
 * A widget whose value is a string (ipywidgets' {@code _String}): labels, HTML, text boxes.
 *
 * @param <W> the concrete widget
 * @param <S> its style
 */
public abstract class StringWidget<W extends StringWidget<W, S>, S extends StringStyle>
        extends DescriptionWidget<W, S> {
    private final Trait<String> value = trait("value", Type.STRING, "");
    // a zero-width space, as in ipywidgets: keeps the text baseline when empty
    private final Trait<String> placeholder = trait("placeholder", Type.STRING, "\u200b");

    /** A text widget with this model, view and style, holding {@code value}. */
    protected StringWidget(String modelName, String viewName, S style, Class<S> styleType, String value) {
        super(modelName, viewName, style, styleType);
        set(this.value, value);
    }

    /** The text. */
    public String value() {
        return value.get();
    }

    /** Sets the text. */
    public W value(String text) {
        set(value, text);
        return self();
    }

    /** The text shown while the value is empty. */
    public String placeholder() {
        return placeholder.get();
    }

    /** Sets the text shown while the value is empty. */
    public W placeholder(String text) {
        set(placeholder, text);
        return self();
    }
}
