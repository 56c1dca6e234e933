package org.bighead.widgets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bighead.pipeline.viz.Html;

/**
 * A titled column of labelled controls with buttons, for choices such as where and how to export a model:
 * <pre>{@code
 * Form.of("Export model")
 *     .dropdown("environment", List.of("python-3.11-cpu", "java-17"))
 *     .text("name", "listing-price")
 *     .checkbox("serve", true)
 *     .validate(v -> v.get("name").toString().isBlank() ? "name must not be empty" : null)
 *     .button("Export", values -> registry.export(values))
 * }</pre>
 * {@link #values} gives the current value of every field by name. The rules run on every change and before a
 * button's action: the first failing rule's message shows in the form's error line, and the action does not run.
 * Actions run on the kernel's shell thread when clicked; keep them short, or start a thread.
 */
public final class Form implements Composite {
    private final String title;
    private final VBox column = new VBox();
    private final HTML error = new HTML();
    private final HBox buttons = new HBox();
    private final VBox view;
    private final Map<String, Field> fields = new LinkedHashMap<>(); // guarded by this
    private final List<Function<Map<String, Object>, String>> rules = new CopyOnWriteArrayList<>();
    private volatile String problem = "";

    private record Field(Widget control, Supplier<?> value) {}

    private Form(String title) {
        this.title = title;
        this.view = new VBox(new HTML("<b>" + Html.escape(title) + "</b>"), column, error, buttons);
    }

    /** An empty form titled {@code title}. */
    public static Form of(String title) {
        return new Form(title);
    }

    /** Adds a drop-down named {@code name} over {@code options} (values, {@link Option}s); the first is chosen. */
    public Form dropdown(String name, List<?> options) {
        Dropdown control = Dropdown.of(options).description(name);
        return field(name, control, "value", control::value);
    }

    /** Adds a one-line text box named {@code name} holding {@code value}. */
    public Form text(String name, String value) {
        Text control = new Text(value).description(name);
        return field(name, control, "value", control::value);
    }

    /** Adds a checkbox named {@code name}, checked or not. */
    public Form checkbox(String name, boolean checked) {
        Checkbox control = new Checkbox(checked).description(name);
        return field(name, control, "value", control::value);
    }

    /** Adds a {@link Picker}; its value is the chosen option. */
    public Form picker(String name, Picker<?> picker) {
        field(name, picker.view(), null, picker::value);
        picker.dropdown().observe("value", change -> check());
        return this;
    }

    /** Adds any control: {@code value} reads it, and a change of its trait {@code observed} (if not null) re-checks. */
    public Form field(String name, Widget control, String observed, Supplier<?> value) {
        synchronized (this) {
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("the form '" + title + "' has a field '" + name + "' already");
            }
            fields.put(name, new Field(control, value));
        }
        if (observed != null) {
            control.observe(observed, change -> check());
        }
        column.add(control);
        return this;
    }

    /** Adds a rule: given the values, it returns what is wrong (shown in the form), or null when all is well. */
    public Form validate(Function<Map<String, Object>, String> rule) {
        rules.add(rule);
        return this;
    }

    /** Adds a button that, when clicked and the rules pass, calls {@code action} with the values. */
    public Form button(String label, Consumer<Map<String, Object>> action) {
        Button button = new Button(label).onClick(b -> submit(label, action));
        buttons.add(button);
        return this;
    }

    private void submit(String label, Consumer<Map<String, Object>> action) {
        Map<String, Object> current = values();
        if (check() != null) {
            return;
        }
        try {
            action.accept(current);
        } catch (RuntimeException e) {
            showError(label + " failed: " + e.getMessage());
            Widgets.report("the action of button '" + label + "' in form '" + title + "'", e);
        }
    }

    /** The current value of every field, by name, in the form's order. */
    public Map<String, Object> values() {
        Map<String, Field> now;
        synchronized (this) {
            now = new LinkedHashMap<>(fields);
        }
        Map<String, Object> current = new LinkedHashMap<>();
        now.forEach((name, field) -> current.put(name, field.value().get()));
        return current;
    }

    /** Runs the rules on the current values: shows and returns the first problem, or clears the error line (null). */
    public String check() {
        Map<String, Object> current = values();
        for (Function<Map<String, Object>, String> rule : rules) {
            String found;
            try {
                found = rule.apply(current);
            } catch (RuntimeException e) {
                found = "a rule failed: " + e;
            }
            if (found != null && !found.isBlank()) {
                showError(found);
                return found;
            }
        }
        showError("");
        return null;
    }

    private void showError(String message) {
        problem = message;
        error.value(
                message.isEmpty()
                        ? ""
                        : "<div class=\"bh-form-error\" style=\"color:#d32f2f\">" + Html.escape(message) + "</div>");
    }

    /** The error line's text as shown ("" when there is none). */
    public String error() {
        return problem;
    }

    /** The control of field {@code name}. */
    public synchronized Widget control(String name) {
        Field field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException(
                    "the form '" + title + "' has no field '" + name + "'; it has " + fields.keySet());
        }
        return field.control();
    }

    /** The buttons, in the order added. */
    public List<Widget> buttons() {
        return buttons.children();
    }

    /** All of it: title, fields, error line, buttons. */
    @Override
    public VBox view() {
        return view;
    }

    @Override
    public String toString() {
        return "Form(" + title + ", " + values() + ")";
    }
}
