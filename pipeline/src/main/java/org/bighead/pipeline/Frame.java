package org.bighead.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The columnar data a stage is fitted on: each column is a {@code double[]} (missing = NaN) or a
 * {@code String[]} (missing = null). Converted once from a Tablesaw {@link Table}; the conversion of each value
 * is the same as {@link Values} applies to a single online row, which keeps batch and online scoring identical.
 */
public final class Frame {
    private final int rows;
    private final Map<String, Object> columns;
    private final Map<String, String> sourceTypes;

    private Frame(int rows, Map<String, Object> columns, Map<String, String> sourceTypes) {
        this.rows = rows;
        this.columns = columns;
        this.sourceTypes = sourceTypes;
    }

    /**
     * Converts a table: numeric and boolean columns become numbers, string columns strings. Columns
     * of other types (dates, times) are left out: derive a number or string from them first.
     */
    public static Frame of(Table table) {
        Map<String, Object> columns = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Column<?> column : table.columns()) {
            Object values = convert(column);
            if (values != null) {
                columns.put(column.name(), values);
                types.put(column.name(), column.type().name());
            }
        }
        return new Frame(table.rowCount(), columns, types);
    }

    /** An empty frame with {@code rows} rows, to add columns to. */
    public static Frame ofRows(int rows) {
        return new Frame(rows, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    static Object convert(Column<?> column) {
        int n = column.size();
        if (column instanceof BooleanColumn b) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = b.isMissing(i) ? Double.NaN : Values.ofBoolean(b.get(i));
            }
            return out;
        }
        if (column instanceof NumericColumn<?> c) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
            }
            return out;
        }
        if (column.type() == ColumnType.STRING) {
            String[] out = new String[n];
            for (int i = 0; i < n; i++) {
                out[i] = column.isMissing(i) ? null : column.getString(i);
            }
            return out;
        }
        return null;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Column names in order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** Whether the frame has column {@code name}. */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The kind of column {@code name}. */
    public Kind kind(String name) {
        return require(name) instanceof double[] ? Kind.NUMERIC : Kind.STRING;
    }

    /** The Tablesaw type the column came from, or DOUBLE/STRING for derived columns. */
    public String sourceType(String name) {
        require(name);
        return sourceTypes.getOrDefault(name, kind(name) == Kind.NUMERIC ? "DOUBLE" : "STRING");
    }

    /** The values of numeric column {@code name} (not a copy: do not modify). */
    public double[] numeric(String name) {
        Object values = require(name);
        if (!(values instanceof double[] d)) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.WRONG_TYPE,
                    "column '" + name + "' holds text; a numeric column is needed here");
        }
        return d;
    }

    /** The values of string column {@code name} (not a copy: do not modify). */
    public String[] strings(String name) {
        Object values = require(name);
        if (!(values instanceof String[] s)) {
            throw new BadInputException(
                    name,
                    BadInputException.Problem.WRONG_TYPE,
                    "column '" + name + "' holds numbers; a string column is needed here");
        }
        return s;
    }

    /** Number of missing values in column {@code name}. */
    public int missing(String name) {
        Object values = require(name);
        int count = 0;
        if (values instanceof double[] d) {
            for (double v : d) {
                if (Double.isNaN(v)) count++;
            }
        } else {
            for (String s : (String[]) values) {
                if (s == null) count++;
            }
        }
        return count;
    }

    /** Adds or replaces a numeric column. */
    public Frame put(String name, double[] values) {
        checkLength(name, values.length);
        columns.put(name, values);
        return this;
    }

    /** Adds or replaces a string column. */
    public Frame put(String name, String[] values) {
        checkLength(name, values.length);
        columns.put(name, values);
        return this;
    }

    /** Removes a column if present. */
    public Frame remove(String name) {
        columns.remove(name);
        return this;
    }

    /** A copy holding only the given rows, in that order. */
    public Frame rows(int[] index) {
        Map<String, Object> out = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            if (values instanceof double[] d) {
                double[] copy = new double[index.length];
                for (int i = 0; i < index.length; i++) copy[i] = d[index[i]];
                out.put(name, copy);
            } else {
                String[] s = (String[]) values;
                String[] copy = new String[index.length];
                for (int i = 0; i < index.length; i++) copy[i] = s[index[i]];
                out.put(name, copy);
            }
        });
        return new Frame(index.length, out, new LinkedHashMap<>(sourceTypes));
    }

    /** The first {@code n} rows. */
    public Frame head(int n) {
        int[] index = new int[Math.min(n, rows)];
        Arrays.setAll(index, i -> i);
        return rows(index);
    }

    /** Converts back to a Tablesaw table (numbers as doubles, strings as strings). */
    public Table toTable(String name) {
        Table table = Table.create(name);
        List<Column<?>> out = new ArrayList<>();
        columns.forEach((column, values) -> {
            if (values instanceof double[] d) {
                out.add(DoubleColumn.create(column, d));
            } else {
                out.add(StringColumn.create(column, (String[]) values));
            }
        });
        return table.addColumns(out.toArray(Column[]::new));
    }

    private Object require(String name) {
        Object values = columns.get(name);
        if (values == null) {
            throw BadInputException.missingColumn(name, "; the data has " + abbreviatedNames());
        }
        return values;
    }

    private String abbreviatedNames() {
        List<String> names = names();
        return names.size() <= 12 ? names.toString() : names.subList(0, 12) + " and " + (names.size() - 12) + " more";
    }

    private void checkLength(String name, int length) {
        if (length != rows) {
            throw new IllegalArgumentException("column '" + name + "' has " + length + " values, frame has " + rows);
        }
    }
}
