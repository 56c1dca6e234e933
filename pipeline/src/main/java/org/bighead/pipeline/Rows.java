package org.bighead.pipeline;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed rows: a Java record whose component names are column names, e.g. {@code record Listing(...)}. */
public final class Rows {
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true); // records declared in a notebook cell are not public
            }
            return components;
        }
    };

    private Rows() {}

    /** The record's components as column name to value. */
    public static Map<String, Object> of(Record row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : COMPONENTS.get(row.getClass())) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(row));
            } catch (ReflectiveOperationException e) {
                throw new PipelineException("cannot read component '" + c.getName() + "' of "
                        + row.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
