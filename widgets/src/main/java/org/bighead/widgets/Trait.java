package org.bighead.widgets;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One named, typed value of a widget. Synced traits are part of the state the frontend sees (in
 * ipywidgets: {@code .tag(sync=True)}); the others live in the kernel only (a selection's value). Reads are
 * lock-free from any thread; writes go through the owning widget ({@link Widget#set}, or {@link Widget.Tx} inside
 * the widget), which validates, records the change for the frontend and tells the observers.
 *
 * @param <T> the Java type of the value
 */
public final class Trait<T> {
    private final Widget owner;
    private final String name;
    private final Type<T> type;
    private final T defaultValue;
    private boolean sync = true;
    private boolean echo = true;
    private boolean readOnly;
    private UnaryOperator<T> validator;
    private BiConsumer<Widget.Tx, T> then;
    private volatile T value;

    Trait(Widget owner, String name, Type<T> type, T defaultValue) {
        this.owner = owner;
        this.name = name;
        this.type = type;
        this.defaultValue = type.cast(owner.getClass().getSimpleName() + "." + name, defaultValue);
        this.value = this.defaultValue;
    }

    /** The name (the state key). */
    public String name() {
        return name;
    }

    /** The type. */
    public Type<T> type() {
        return type;
    }

    /** The current value (a copy for bytes and JSON). */
    public T get() {
        return type.copyOut(value);
    }

    /** The value the widget started with. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether the frontend sees it. */
    public boolean synced() {
        return sync;
    }

    /** Keeps the trait in the kernel: not part of the widget's state. For use while building a widget. */
    public Trait<T> kernelOnly() {
        this.sync = false;
        return this;
    }

    /** Ignores the browser's attempts to change it (model and view names, computed labels). */
    public Trait<T> readOnly() {
        this.readOnly = true;
        return this;
    }

    /** Never echoes the browser's updates of it back (ipywidgets' {@code echo_update=False} metadata). */
    public Trait<T> noEcho() {
        this.echo = false;
        return this;
    }

    /** Adds a check or correction run on every new value (clamping, canonical case); it may throw. */
    public Trait<T> validate(UnaryOperator<T> check) {
        UnaryOperator<T> before = validator;
        this.validator = before == null ? check : v -> check.apply(before.apply(v));
        return this;
    }

    /** Accepts only these strings, compared without case like traitlets' {@code CaselessStrEnum}. */
    public Trait<T> oneOf(String... allowed) {
        return validate(v -> {
            if (v == null) return null;
            for (String a : allowed) {
                if (a.equalsIgnoreCase(String.valueOf(v))) {
                    @SuppressWarnings("unchecked")
                    T canonical = (T) a;
                    return canonical;
                }
            }
            throw new IllegalArgumentException(label() + " must be one of "
                    + Arrays.toString(allowed).replace("[", "").replace("]", "").toLowerCase(Locale.ROOT) + ", not "
                    + Py.repr(v));
        });
    }

    /** Runs inside the same change after every new value: keeps other traits consistent (index → value). */
    public Trait<T> then(BiConsumer<Widget.Tx, T> propagate) {
        BiConsumer<Widget.Tx, T> before = then;
        this.then = before == null ? propagate : before.andThen(propagate);
        return this;
    }

    @Override
    public String toString() {
        return label() + "=" + Py.repr(value);
    }

    String label() {
        return owner.getClass().getSimpleName() + "." + name;
    }

    // --- used by Widget under its lock ---

    Widget owner() {
        return owner;
    }

    T raw() {
        return value;
    }

    void store(T v) {
        value = v;
    }

    boolean echoes() {
        return echo;
    }

    boolean isReadOnly() {
        return readOnly;
    }

    T accept(Object proposed) {
        T v = type.cast(label(), proposed);
        return validator == null ? v : validator.apply(v);
    }

    BiConsumer<Widget.Tx, T> propagation() {
        return then;
    }
}
