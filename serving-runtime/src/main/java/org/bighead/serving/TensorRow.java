package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Row {@code index} across named input tensors (one JSON array per column), as a column-to-value map. */
final class TensorRow extends AbstractMap<String, Object> {
    private final Map<String, JsonNode> columns;
    private final int index;

    TensorRow(Map<String, JsonNode> columns, int index) {
        this.columns = columns;
        this.index = index;
    }

    @Override
    public Object get(Object key) {
        JsonNode column = columns.get(key);
        return column == null ? null : JsonValues.of((String) key, column.get(index));
    }

    @Override
    public boolean containsKey(Object key) {
        return columns.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> copy = new LinkedHashMap<>();
        columns.keySet().forEach(name -> copy.put(name, get(name)));
        return copy.entrySet();
    }
}
