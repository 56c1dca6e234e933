package org.bighead.widgets;

/** A checkbox (ipywidgets' {@code Checkbox}, {@code CheckboxModel}). */
public final class Checkbox extends DescriptionWidget<Checkbox, CheckboxStyle> {
    private final Trait<Boolean> value = trait("value", Type.BOOL, false);
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<Boolean> indent = trait("indent", Type.BOOL, true);

    /** An unchecked checkbox. */
    public Checkbox() {
        this(false);
    }

    /** A checkbox, checked or not. */
    public Checkbox(boolean checked) {
        super("CheckboxModel", "CheckboxView", new CheckboxStyle(), CheckboxStyle.class);
        set(value, checked);
    }

    /** Whether it is checked. */
    public boolean value() {
        return value.get();
    }

    /** Checks or unchecks it. */
    public Checkbox value(boolean checked) {
        set(value, checked);
        return this;
    }

    /** Whether the user cannot change it. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Stops (or allows) changes by the user. */
    public Checkbox disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** Whether the box is indented to line up with other controls' descriptions. */
    public boolean indent() {
        return indent.get();
    }

    /** Indents the box to line up with other controls (or not). */
    public Checkbox indent(boolean value) {
        set(indent, value);
        return this;
    }
}
