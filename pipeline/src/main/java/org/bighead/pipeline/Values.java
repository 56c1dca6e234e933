package org.bighead.pipeline;

/**
 * Turns one online value (from a JSON row, a CSV field or a Java map) into the number or string the pipeline
 * computes with. {@link Frame} uses the same rules for whole columns, so a row scored alone and the same row
 * scored in a table see identical inputs.
 */
public final class Values {
    private Values() {}

    /** The number a boolean stands for. */
    public static double ofBoolean(boolean b) {
        return b ? 1.0 : 0.0;
    }

    /**
     * The number for {@code value} in numeric column {@code column}; NaN for null. Accepts numbers, booleans, and
     * strings holding a number or true/false; anything else is a {@link BadInputException} naming the column.
     */
    public static double toNumber(String column, Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            if (value instanceof Float f) {
                return f.doubleValue();
            }
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return ofBoolean(b);
        }
        if (value instanceof String s) {
            return parseNumber(column, s);
        }
        throw BadInputException.wrongType(column, "a number", value);
    }

    /** Parses a number as CSV and JSON text spell it: empty means missing; true/false are 1/0. */
    public static double parseNumber(String column, String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        if (t.equalsIgnoreCase("true")) {
            return 1.0;
        }
        if (t.equalsIgnoreCase("false")) {
            return 0.0;
        }
        try {
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) && !t.equalsIgnoreCase("nan")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw BadInputException.wrongType(column, "a number", s);
        }
    }

    /** The string for {@code value} in string column {@code column}; null for null. */
    public static String toText(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            // Tablesaw reads an empty CSV field as a missing string; an online row must mean the same
            return s.isEmpty() ? null : s;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return value.toString();
        }
        throw BadInputException.wrongType(column, "a string", value);
    }
}
