package org.bighead.widgets;

/** A one-line text box (ipywidgets' {@code Text}, {@code TextModel}); observe "value" to hear typing. */
public final class Text extends StringWidget<Text, TextStyle> {
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<Boolean> continuousUpdate = trait("continuous_update", Type.BOOL, true);

    /** An empty text box. */
    public Text() {
        this("");
    }

    /** A text box holding {@code text}. */
    public Text(String text) {
        super("TextModel", "TextView", new TextStyle(), TextStyle.class, text);
    }

    /** Whether the user cannot edit it. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) editing. */
    public Text disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** Whether the value updates on every keystroke (else on Enter or leaving the box). */
    public boolean continuousUpdate() {
        return continuousUpdate.get();
    }

    /** Updates the value on every keystroke, or only on Enter or leaving the box. */
    public Text continuousUpdate(boolean value) {
        set(continuousUpdate, value);
        return this;
    }
}
