package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bighead.pipeline.PipelineException;

/** Small helpers shared by the built-in stages. */
final class Columns {
    private Columns() {}

    /** The column list a stage factory was given, checked to be non-empty and free of duplicates. */
    static List<String> of(String stage, String... columns) {
        if (columns == null || columns.length == 0) {
            throw new PipelineException(stage + " needs at least one column name");
        }
        List<String> list = new ArrayList<>();
        for (String c : columns) {
            if (c == null || c.isBlank()) {
                throw new PipelineException(stage + ": column names must not be blank");
            }
            if (list.contains(c)) {
                throw new PipelineException(stage + ": column '" + c + "' is listed twice");
            }
            list.add(c);
        }
        return List.copyOf(list);
    }

    /** Values without NaN, sorted. */
    static double[] presentSorted(double[] values) {
        double[] out = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(out);
        return out;
    }

    /** A number formatted short for summaries. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /** Joins items, at most {@code max}, then "+N more". */
    static String join(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " +" + (items.size() - max) + " more";
    }
}
