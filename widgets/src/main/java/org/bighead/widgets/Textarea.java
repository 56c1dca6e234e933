package org.bighead.widgets;

/** A multi-line text box (ipywidgets' {@code Textarea}, {@code TextareaModel}). */
public final class Textarea extends StringWidget<Textarea, TextStyle> {
    private final Trait<Integer> rows = trait("rows", Type.NULLABLE_INT, null);
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<Boolean> continuousUpdate = trait("continuous_update", Type.BOOL, true);

    /** An empty text area. */
    public Textarea() {
        this("");
    }

    /** A text area holding {@code text}. */
    public Textarea(String text) {
        super("TextareaModel", "TextareaView", new TextStyle(), TextStyle.class, text);
    }

    /** The number of rows shown, or null for the browser's default. */
    public Integer rows() {
        return rows.get();
    }

    /** Sets the number of rows shown. */
    public Textarea rows(Integer value) {
        set(rows, value);
        return this;
    }

    /** Whether the user cannot edit it. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) editing. */
    public Textarea disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** Whether the value updates on every keystroke. */
    public boolean continuousUpdate() {
        return continuousUpdate.get();
    }

    /** Updates the value on every keystroke, or only when the box loses focus. */
    public Textarea continuousUpdate(boolean value) {
        set(continuousUpdate, value);
        return this;
    }
}
