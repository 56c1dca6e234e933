package org.bighead.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;

/**
 * A choice among Java objects with the facts about the chosen one shown below it, and optionally a checkbox that
 * narrows the options (instance types, environments):
 * <pre>{@code
 * var hardware = Picker.of("instance", instanceTypes, InstanceType::name)
 *         .details(t -> Map.of("vCPU", t.cpus(), "GPU", t.gpus(), "$/hour", t.pricePerHour()))
 *         .filter("GPU only", t -> t.gpus() > 0);
 * hardware.value()     // the chosen InstanceType
 * }</pre>
 *
 * @param <T> the options' type
 */
public final class Picker<T> implements Displayable {
    private final List<T> all;
    private final Function<? super T, String> label;
    private final Dropdown dropdown;
    private final HTML details = new HTML();
    private final Checkbox filterBox = new Checkbox(false).indent(false);
    private final HBox row;
    private final VBox view;
    private volatile Function<? super T, String> detailsHtml = t -> "";
    private volatile Predicate<? super T> keep = t -> true;

    private Picker(String description, List<T> options, Function<? super T, String> label) {
        this.all = List.copyOf(options);
        this.label = label;
        this.dropdown = Dropdown.of(choices(all)).description(description);
        this.row = new HBox(dropdown);
        this.view = new VBox(row, details);
        dropdown.observe("value", change -> showDetails());
        filterBox.observe("value", change -> applyFilter());
    }

    /** A picker over {@code options}, each labelled with its text ({@code String.valueOf}); the first is chosen. */
    public static <T> Picker<T> of(String description, List<T> options) {
        return new Picker<>(description, options, String::valueOf);
    }

    /** A picker over {@code options}, labelled by {@code label}; the first is chosen. */
    public static <T> Picker<T> of(String description, List<T> options, Function<? super T, String> label) {
        return new Picker<>(description, options, label);
    }

    /** Shows the chosen option's facts as a table: name to value ("vCPU" → 8, "$/hour" → 0.34). */
    public Picker<T> details(Function<? super T, Map<String, ?>> facts) {
        return detailsHtml(t -> Html.keyValues(null, facts.apply(t)));
    }

    /** Shows HTML about the chosen option. */
    public Picker<T> detailsHtml(Function<? super T, String> html) {
        this.detailsHtml = Objects.requireNonNull(html, "html");
        showDetails();
        return this;
    }

    /** Adds a checkbox labelled {@code label}: while it is checked, only the options {@code keep} accepts show. */
    public Picker<T> filter(String label, Predicate<? super T> keep) {
        this.keep = Objects.requireNonNull(keep, "keep");
        filterBox.description(label);
        if (!row.children().contains(filterBox)) {
            row.add(filterBox);
        }
        applyFilter();
        return this;
    }

    /** The chosen option, or null when none is offered. */
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) dropdown.value();
    }

    /** Chooses {@code option} (one of the options offered now). */
    public Picker<T> value(T option) {
        dropdown.value(option);
        return this;
    }

    /**
     * Chooses the first option offered now that {@code which} accepts, e.g. the one this notebook runs on:
     * {@code picker.select(t -> t.name().equals(current))}; leaves the choice as it is when none does.
     */
    public Picker<T> select(Predicate<? super T> which) {
        Objects.requireNonNull(which, "which");
        options().stream().filter(which).findFirst().ifPresent(dropdown::value);
        return this;
    }

    /** The options offered now (all, or those the checked filter keeps). */
    @SuppressWarnings("unchecked")
    public List<T> options() {
        return dropdown.options().stream().map(o -> (T) o.value()).toList();
    }

    /** Calls {@code listener} with the chosen option whenever the choice changes (null when none is offered). */
    @SuppressWarnings("unchecked")
    public Picker<T> onChange(Consumer<? super T> listener) {
        dropdown.observe("value", change -> listener.accept((T) change.newValue()));
        return this;
    }

    private List<Option> choices(List<T> options) {
        List<Option> choices = new ArrayList<>(options.size());
        options.forEach(o -> choices.add(Option.of(label.apply(o), o)));
        return choices;
    }

    private synchronized void applyFilter() {
        T chosen = value();
        List<T> offered =
                filterBox.value() ? all.stream().filter(t -> keep.test(t)).toList() : all;
        if (offered.equals(options())) {
            return;
        }
        dropdown.options(choices(offered));
        if (offered.contains(chosen)) {
            dropdown.value(chosen);
        } else if (!offered.isEmpty() && dropdown.index() == null) {
            dropdown.index(0);
        }
        showDetails();
    }

    private void showDetails() {
        T chosen = value();
        if (chosen == null) {
            details.value(
                    filterBox.value() && !all.isEmpty()
                            ? "<div style=\"opacity:0.7\">"
                                    + Html.escape("no option matches '" + filterBox.description() + "'") + "</div>"
                            : "");
            return;
        }
        details.value(detailsHtml.apply(chosen));
    }

    /** The drop-down. */
    public Dropdown dropdown() {
        return dropdown;
    }

    /** The facts about the chosen option. */
    public HTML details() {
        return details;
    }

    /** The filter's checkbox (shown once {@link #filter} is set). */
    public Checkbox filterBox() {
        return filterBox;
    }

    /** All of it: the drop-down and filter in a row, the details below. */
    public VBox view() {
        return view;
    }

    /** The widgets, for display. */
    @Override
    public Map<String, Object> mimeBundle() {
        return view.mimeBundle();
    }

    @Override
    public String toString() {
        return "Picker(" + dropdown.description() + "=" + dropdown.label() + ")";
    }
}
