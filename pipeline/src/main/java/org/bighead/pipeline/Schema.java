package org.bighead.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ordered list of fields: what a fitted pipeline accepts or produces. */
public record Schema(List<Field> fields) {

    public Schema {
        fields = List.copyOf(fields);
    }

    /** The field named {@code name}, if present. */
    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Field names in order. */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** Fields by name, in order. */
    public Map<String, Field> byName() {
        Map<String, Field> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        return map;
    }
}
