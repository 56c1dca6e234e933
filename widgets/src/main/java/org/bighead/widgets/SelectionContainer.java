package org.bighead.widgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pages with titles, one selected (ipywidgets' {@code _SelectionContainer}): {@link Tab} and {@link Accordion}.
 * There is always one title per child ("" when not given), as in ipywidgets.
 *
 * @param <W> the concrete widget
 */
public abstract class SelectionContainer<W extends SelectionContainer<W>> extends Box<W> {
    private final Trait<List<String>> titles = trait("titles", Type.STRINGS, List.of());
    private final Trait<Integer> selectedIndex = trait("selected_index", Type.NULLABLE_INT, null);

    /** A container of pages with this model and view. */
    protected SelectionContainer(String modelName, String viewName) {
        super(modelName, viewName);
        titles.validate(given -> {
            List<String> padded = new ArrayList<>(
                    given.subList(0, Math.min(given.size(), children.raw().size())));
            while (padded.size() < children.raw().size()) padded.add("");
            return padded;
        });
        selectedIndex.validate(i -> {
            if (i != null && (i < 0 || i >= children.raw().size())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": no page " + i + " among "
                        + children.raw().size());
            }
            return i;
        });
        children.then((tx, kids) -> {
            tx.set(titles, tx.get(titles)); // re-pad to the new number of children
            Integer selected = tx.get(selectedIndex);
            Integer next = reselect(selected, kids.size());
            if (next == null || next < kids.size()) {
                tx.set(selectedIndex, next);
            }
        });
    }

    /** The selected page after the children changed (ipywidgets' {@code _reset_selected_index}). */
    Integer reselect(Integer selected, int pages) {
        return selected != null && selected >= pages ? null : selected;
    }

    /** The titles, one per child. */
    public List<String> titles() {
        return titles.get();
    }

    /** Sets the titles in order (missing ones are "", extra ones dropped). */
    public W titles(String... values) {
        set(titles, Arrays.asList(values));
        return self();
    }

    /** The title of page {@code index}. */
    public String title(int index) {
        return titles.get().get(index);
    }

    /** Sets the title of page {@code index}. */
    public W title(int index, String title) {
        update(tx -> {
            List<String> changed = new ArrayList<>(tx.get(titles));
            changed.set(index, title == null ? "" : title);
            tx.set(titles, changed);
        });
        return self();
    }

    /** Adds a page with its title. */
    public W add(String title, Widget child) {
        update(tx -> {
            List<Widget> kids = new ArrayList<>(tx.get(children));
            List<String> names = new ArrayList<>(tx.get(titles));
            kids.add(child);
            names.add(title);
            tx.set(children, kids);
            tx.set(titles, names);
        });
        return self();
    }

    /** The selected page, or null. */
    public Integer selectedIndex() {
        return selectedIndex.get();
    }

    /** Selects page {@code index} (null: none). */
    public W selectedIndex(Integer index) {
        set(selectedIndex, index);
        return self();
    }
}
