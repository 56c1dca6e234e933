package org.bighead.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * A link made in the browser (ipywidgets' {@code jslink} / {@code jsdlink}): the frontend copies one synced trait
 * to the other with no round trip to the kernel. A widget without a view ({@code LinkModel} or
 * {@code DirectionalLinkModel}); {@link #unlink()} closes it.
 */
public final class JsLink extends Widget {
    /** One end of a link: a widget and one of its synced traits. */
    public record End(Widget widget, String name) {
        @Override
        public String toString() {
            return "(" + widget + ", " + Py.repr(name) + ")";
        }
    }

    private static final Type<End> END = new EndType();

    private final Trait<End> source;
    private final Trait<End> target;

    JsLink(Widget source, String sourceName, Widget target, String targetName, boolean directional) {
        super(
                CONTROLS,
                CONTROLS_VERSION,
                directional ? "DirectionalLinkModel" : "LinkModel",
                CONTROLS,
                CONTROLS_VERSION,
                null);
        this.source = trait("source", END, end(source, sourceName));
        this.target = trait("target", END, end(target, targetName));
        open();
    }

    private static End end(Widget widget, String name) {
        Trait<?> trait = widget.trait(name);
        if (!trait.synced()) {
            throw new IllegalArgumentException(trait.label() + " cannot be linked in the browser: it is not synced");
        }
        return new End(widget, name);
    }

    /** The source end. */
    public End source() {
        return source.get();
    }

    /** The target end. */
    public End target() {
        return target.get();
    }

    /** Removes the link from the browser. */
    public void unlink() {
        close();
    }

    private static final class EndType extends Type<End> {
        EndType() {
            super("a (widget, trait) pair", false);
        }

        @Override
        End castNonNull(Object value) {
            return value instanceof End e ? e : null;
        }

        @Override
        JsonNode toJson(End value) {
            ArrayNode pair = WireState.JSON.arrayNode();
            pair.add("IPY_MODEL_" + value.widget().referenceId());
            pair.add(value.name());
            return pair;
        }

        @Override
        End fromJson(JsonNode json) {
            if (!json.isArray() || json.size() != 2) return null;
            Widget w = Widgets.byReference(json.get(0).asText());
            return w == null ? null : new End(w, json.get(1).asText());
        }

        @Override
        boolean same(End a, End b) {
            return a.widget() == b.widget() && a.name().equals(b.name());
        }
    }

    @Override
    protected List<String> reprKeys() {
        return List.of("source", "target");
    }
}
