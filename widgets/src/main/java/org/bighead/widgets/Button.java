package org.bighead.widgets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A button (ipywidgets' {@code Button}, {@code ButtonModel}). Clicks arrive as custom messages
 * {@code {"event": "click"}} on the kernel's shell thread, even while a cell runs, so a stop button reaches a
 * training loop: {@code stop.onClick(b -> stopRequested = true)}. Handlers must be quick.
 */
public final class Button extends DOMWidget<Button> {
    private final Trait<String> description = trait("description", Type.STRING, "");
    private final Trait<Boolean> disabled = trait("disabled", Type.BOOL, false);
    private final Trait<String> icon = trait("icon", Type.STRING, "").validate(v -> v.replace("fa-", ""));
    private final Trait<String> buttonStyle =
            trait("button_style", Type.STRING, "").oneOf("primary", "success", "info", "warning", "danger", "");
    private final Trait<Widget> style =
            trait("style", Type.WIDGET, new ButtonStyle()).validate(v -> requireType(v, ButtonStyle.class, "style"));
    private final List<Consumer<Button>> clickHandlers = new CopyOnWriteArrayList<>();

    /** A button without a label. */
    public Button() {
        this("");
    }

    /** A button labelled {@code description}. */
    public Button(String description) {
        super(CONTROLS, CONTROLS_VERSION, "ButtonModel", CONTROLS, CONTROLS_VERSION, "ButtonView");
        set(this.description, description);
        onCustomMessage((content, buffers) -> {
            if (content.path("event").asText("").equals("click")) {
                click();
            }
        });
    }

    /** Calls {@code handler} on every click (on the kernel's shell thread). */
    public Button onClick(Consumer<Button> handler) {
        clickHandlers.add(handler);
        return this;
    }

    /** Stops calling {@code handler}. */
    public Button removeOnClick(Consumer<Button> handler) {
        clickHandlers.remove(handler);
        return this;
    }

    /** Clicks the button from Java: the click handlers run on this thread. */
    public void click() {
        for (Consumer<Button> handler : clickHandlers) {
            try {
                handler.accept(this);
            } catch (RuntimeException e) {
                Widgets.report("a click handler of Button '" + description.get() + "'", e);
            }
        }
    }

    /** The label. */
    public String description() {
        return description.get();
    }

    /** Sets the label. */
    public Button description(String value) {
        set(description, value);
        return this;
    }

    /** Whether clicks are ignored. */
    public boolean disabled() {
        return disabled.get();
    }

    /** Disables (or enables) the button. */
    public Button disabled(boolean value) {
        set(disabled, value);
        return this;
    }

    /** The Font Awesome icon name ("check", "stop"), or "". */
    public String icon() {
        return icon.get();
    }

    /** Sets the Font Awesome icon ("check", "gear spin"; a "fa-" prefix is dropped). */
    public Button icon(String value) {
        set(icon, value);
        return this;
    }

    /** The predefined style: "primary", "success", "info", "warning", "danger" or "". */
    public String buttonStyle() {
        return buttonStyle.get();
    }

    /** Sets the predefined style: "primary", "success", "info", "warning", "danger" or "". */
    public Button buttonStyle(String value) {
        set(buttonStyle, value);
        return this;
    }

    /** The style (colors, font). */
    public ButtonStyle style() {
        return (ButtonStyle) style.get();
    }

    /** Replaces the style. */
    public Button style(ButtonStyle value) {
        set(style, value);
        return this;
    }
}
