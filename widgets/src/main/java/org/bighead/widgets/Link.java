package org.bighead.widgets;

import java.util.function.Consumer;

/**
 * Two traits kept equal in the kernel (ipywidgets' {@code link}, traitlets' link and dlink): a change of either
 * (or, one-way, of the source) is copied to the other. Works for kernel-only traits too, and across types that
 * convert (an IntSlider's value into a FloatProgress). {@link #unlink()} ends it.
 */
public final class Link implements AutoCloseable {
    private final Widget source;
    private final String sourceName;
    private final Widget target;
    private final String targetName;
    private final Consumer<Change> forward;
    private final Consumer<Change> backward;
    // per thread: the copy a link makes must not be copied back (a clamped value would bounce forever)
    private final ThreadLocal<Boolean> updating = ThreadLocal.withInitial(() -> false);

    Link(Widget source, String sourceName, Widget target, String targetName, boolean directional) {
        source.trait(sourceName);
        target.trait(targetName);
        this.source = source;
        this.sourceName = sourceName;
        this.target = target;
        this.targetName = targetName;
        this.forward = change -> copy(target, targetName, change.newValue());
        this.backward = directional ? null : change -> copy(source, sourceName, change.newValue());
        copy(target, targetName, source.get(sourceName));
        source.observe(sourceName, forward);
        if (backward != null) {
            target.observe(targetName, backward);
        }
    }

    private void copy(Widget to, String name, Object value) {
        if (updating.get()) {
            return;
        }
        updating.set(true);
        try {
            to.set(name, value);
        } finally {
            updating.set(false);
        }
    }

    /** Stops keeping the traits equal. */
    public void unlink() {
        source.unobserve(sourceName, forward);
        if (backward != null) {
            target.unobserve(targetName, backward);
        }
    }

    /** Same as {@link #unlink()}. */
    @Override
    public void close() {
        unlink();
    }

    @Override
    public String toString() {
        return "Link(" + source.getClass().getSimpleName() + "." + sourceName + (backward == null ? " -> " : " <-> ")
                + target.getClass().getSimpleName() + "." + targetName + ")";
    }
}
