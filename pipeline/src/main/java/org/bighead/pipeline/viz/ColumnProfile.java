package org.bighead.pipeline.viz;

import java.util.List;

/**
 * Summary statistics of one table column, as computed by {@link DataProfile#of}.
 *
 * <p>A plain record that Jackson serializes and deserializes as is. Values that do not apply to a
 * column's kind, or cannot be computed (e.g. the standard deviation of fewer than two values), are
 * {@code null}, never NaN.
 *
 * @param name column name
 * @param kind one of {@code "numeric"}, {@code "categorical"}, {@code "text"}, {@code "boolean"},
 *     {@code "date"} (dates, date-times, instants and times)
 * @param type the Tablesaw column type, e.g. {@code "DOUBLE"}
 * @param count number of present values (for numeric columns: present and finite)
 * @param missing number of missing values
 * @param infinite number of ±infinite values (numeric columns only; counted in neither {@code
 *     count} nor {@code missing}, and left out of every statistic)
 * @param mean numeric: arithmetic mean
 * @param std numeric: sample standard deviation (n − 1); null below two values
 * @param min numeric: smallest value
 * @param max numeric: largest value
 * @param histogram numeric: equal-width histogram of the {@code count} values
 * @param distinct categorical, text, boolean, date: number of distinct present values
 * @param top categorical, boolean: the most frequent values (at most 10) by descending count, ties
 *     by value; text: the most frequent lower-cased word tokens instead
 * @param earliest date: smallest value, ISO-8601
 * @param latest date: largest value, ISO-8601
 */
public record ColumnProfile(
        String name,
        String kind,
        String type,
        long count,
        long missing,
        long infinite,
        Double mean,
        Double std,
        Double min,
        Double max,
        Histogram histogram,
        Long distinct,
        List<Category> top,
        String earliest,
        String latest) {

    public static final String NUMERIC = "numeric";
    public static final String CATEGORICAL = "categorical";
    public static final String TEXT = "text";
    public static final String BOOLEAN = "boolean";
    public static final String DATE = "date";

    public ColumnProfile {
        top = top == null ? null : List.copyOf(top);
    }

    /** Missing values as a fraction of all rows (0 for an empty column). */
    public double missingFraction() {
        long rows = count + missing + infinite;
        return rows == 0 ? 0 : (double) missing / rows;
    }

    /**
     * An equal-width histogram: bin {@code i} covers {@code [edges[i], edges[i+1])}, the last bin
     * also includes its upper edge, so {@code edges.size() == counts.size() + 1}.
     */
    public record Histogram(List<Double> edges, List<Long> counts) {
        public Histogram {
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
            if (edges.size() != counts.size() + 1) {
                throw new IllegalArgumentException("a histogram needs one more edge than bins: " + edges.size()
                        + " edges, " + counts.size() + " bins");
            }
        }

        /** Sum of the bin counts. */
        public long total() {
            long s = 0;
            for (long c : counts) {
                s += c;
            }
            return s;
        }
    }

    /** A value (or, for text columns, a token) and how often it occurs. */
    public record Category(String value, long count) {}
}
