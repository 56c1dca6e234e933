package org.bighead.pipeline;

import java.util.List;

/**
 * One column of a schema as seen at fit time.
 *
 * @param name       column name
 * @param kind       numeric or string
 * @param sourceType the Tablesaw type it came from (INTEGER, DOUBLE, BOOLEAN, STRING, TEXT, ...)
 * @param nullable   whether missing values are acceptable (seen in training, or handled by a stage)
 * @param categories distinct values seen in training, for string columns (empty when too many to list)
 */
public record Field(String name, Kind kind, String sourceType, boolean nullable, List<String> categories) {

    public Field {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** A numeric field. */
    public static Field numeric(String name, boolean nullable) {
        return new Field(name, Kind.NUMERIC, "DOUBLE", nullable, List.of());
    }

    /** This field with another nullability. */
    public Field withNullable(boolean value) {
        return new Field(name, kind, sourceType, value, categories);
    }
}
