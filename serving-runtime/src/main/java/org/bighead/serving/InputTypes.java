package org.bighead.serving;

import org.bighead.pipeline.Field;
import org.bighead.pipeline.Kind;

/** How an input column is typed to clients: its KServe v2 datatype and its JSON type. */
final class InputTypes {
    private InputTypes() {}

    /** True for a column that was boolean in training (scored as 1/0). */
    static boolean isBoolean(Field f) {
        return f.kind() == Kind.NUMERIC && "BOOLEAN".equalsIgnoreCase(f.sourceType());
    }

    /** BOOL for a boolean column, FP64 for another numeric one, BYTES for text. */
    static String datatype(Field f) {
        return isBoolean(f) ? "BOOL" : f.kind() == Kind.NUMERIC ? "FP64" : "BYTES";
    }

    /** The JSON Schema type of the column's values: boolean, number or string. */
    static String jsonType(Field f) {
        return isBoolean(f) ? "boolean" : f.kind() == Kind.NUMERIC ? "number" : "string";
    }
}
