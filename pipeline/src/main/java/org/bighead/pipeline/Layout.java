package org.bighead.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each column lives in a {@link RowBuffer}: numeric columns in one array, string columns in another (the
 * two are separate name spaces, so an encoder can read string "room_type" and write numeric "room_type"). A
 * fitted stage resolves its column names to slots once, when the pipeline is compiled, so transforming a row is
 * array indexing only.
 */
public final class Layout {
    private final Map<String, Integer> numeric = new LinkedHashMap<>();
    private final Map<String, Integer> strings = new LinkedHashMap<>();

    /** The slot of numeric column {@code name}, created on first use. */
    public int numeric(String name) {
        return numeric.computeIfAbsent(name, k -> numeric.size());
    }

    /** The slot of string column {@code name}, created on first use. */
    public int string(String name) {
        return strings.computeIfAbsent(name, k -> strings.size());
    }

    /** The slot of a column of the given kind. */
    public int slot(String name, Kind kind) {
        return kind == Kind.NUMERIC ? numeric(name) : string(name);
    }

    /** Whether the layout has a column of that name. */
    public boolean has(String name) {
        return numeric.containsKey(name) || strings.containsKey(name);
    }

    /** A fresh buffer sized for this layout. */
    public RowBuffer newBuffer() {
        return new RowBuffer(numeric.size(), strings.size());
    }

    /** Numeric column names in slot order. */
    public List<String> numericNames() {
        return List.copyOf(numeric.keySet());
    }

    /** String column names in slot order. */
    public List<String> stringNames() {
        return List.copyOf(strings.keySet());
    }
}
