package org.bighead.pipeline;

/** A column a fitted stage writes: its name and kind. */
public record ColumnDef(String name, Kind kind) {

    /** A numeric output column. */
    public static ColumnDef numeric(String name) {
        return new ColumnDef(name, Kind.NUMERIC);
    }

    /** A string output column. */
    public static ColumnDef string(String name) {
        return new ColumnDef(name, Kind.STRING);
    }
}
