package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One JSON object ({@code {"bedrooms": 2, ...}}) seen as the column-to-value map a scorer reads, without copying. */
final class RecordRow extends AbstractMap<String, Object> {
    private final ObjectNode node;

    RecordRow(ObjectNode node) {
        this.node = node;
    }

    @Override
    public Object get(Object key) {
        String column = (String) key;
        return JsonValues.of(column, node.get(column));
    }

    @Override
    public boolean containsKey(Object key) {
        return node.has((String) key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            copy.put(e.getKey(), JsonValues.of(e.getKey(), e.getValue()));
        }
        return copy.entrySet();
    }
}
