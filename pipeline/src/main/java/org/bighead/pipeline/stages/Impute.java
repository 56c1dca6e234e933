package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Fills missing values: {@code Impute.median("bedrooms", "bathrooms")}. Numeric columns take mean, median,
 * most frequent or a constant; string columns most frequent or a constant.
 */
public final class Impute implements Stage {

    /** How the fill value is chosen. */
    public enum Strategy {
        MEAN,
        MEDIAN,
        MOST_FREQUENT,
        CONSTANT
    }

    private final Strategy strategy;
    private final List<String> columns;
    private final Object constant;

    private Impute(Strategy strategy, Object constant, String... columns) {
        this.strategy = strategy;
        this.constant = constant;
        this.columns = Columns.of("Impute", columns);
    }

    /** Fills with the training mean. */
    public static Impute mean(String... columns) {
        return new Impute(Strategy.MEAN, null, columns);
    }

    /** Fills with the training median. */
    public static Impute median(String... columns) {
        return new Impute(Strategy.MEDIAN, null, columns);
    }

    /** Fills with the most frequent training value (numbers or strings). */
    public static Impute mostFrequent(String... columns) {
        return new Impute(Strategy.MOST_FREQUENT, null, columns);
    }

    /** Fills with a number. */
    public static Impute constant(double value, String... columns) {
        return new Impute(Strategy.CONSTANT, value, columns);
    }

    /** Fills with a string, e.g. "unknown". */
    public static Impute constant(String value, String... columns) {
        return new Impute(Strategy.CONSTANT, value, columns);
    }

    @Override
    public String name() {
        return "impute";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.inPlace(
                columns,
                strategy.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (strategy == Strategy.CONSTANT ? " " + constant : ""));
    }

    @Override
    public Fitted fit(Frame data) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        for (String column : columns) {
            if (data.kind(column) == Kind.NUMERIC) {
                numbers.put(column, numericFill(column, data.numeric(column)));
            } else {
                strings.put(column, stringFill(column, data.strings(column)));
            }
        }
        return new Fitted(strategy.name().toLowerCase(java.util.Locale.ROOT), numbers, strings);
    }

    private double numericFill(String column, double[] values) {
        if (strategy == Strategy.CONSTANT) {
            if (!(constant instanceof Double d)) {
                throw new PipelineException("Impute.constant(\"" + constant + "\") cannot fill numeric column '"
                        + column + "'; pass a number");
            }
            return d;
        }
        double[] present = Columns.presentSorted(values);
        if (present.length == 0) {
            throw new PipelineException("Impute: column '" + column + "' has no values to learn a "
                    + strategy.name().toLowerCase(java.util.Locale.ROOT) + " from");
        }
        return switch (strategy) {
            case MEAN -> {
                double sum = 0;
                for (double v : present) sum += v;
                yield sum / present.length;
            }
            case MEDIAN ->
                present.length % 2 == 1
                        ? present[present.length / 2]
                        : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
            case MOST_FREQUENT -> mostFrequentSorted(present);
            case CONSTANT -> throw new AssertionError();
        };
    }

    private static double mostFrequentSorted(double[] sorted) {
        double best = sorted[0];
        int bestRun = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) j++;
            if (j - i > bestRun) {
                bestRun = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }

    private String stringFill(String column, String[] values) {
        switch (strategy) {
            case CONSTANT:
                if (!(constant instanceof String s)) {
                    throw new PipelineException("Impute.constant(" + constant + ") cannot fill string column '" + column
                            + "'; pass a string");
                }
                return s;
            case MOST_FREQUENT:
                Map<String, Integer> counts = new HashMap<>();
                for (String v : values) {
                    if (v != null) counts.merge(v, 1, Integer::sum);
                }
                // ties broken by the string itself so the result never depends on hash order
                return counts.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                        .map(Map.Entry::getKey)
                        .orElseThrow(() -> new PipelineException(
                                "Impute: column '" + column + "' has no values to learn the most frequent from"));
            default:
                throw new PipelineException("Impute." + strategy.name().toLowerCase(java.util.Locale.ROOT)
                        + " needs numbers, but column '" + column + "' holds text; use Impute.mostFrequent or"
                        + " Impute.constant(\"...\")");
        }
    }

    /** Learned fill values per column. */
    public record Fitted(String strategy, Map<String, Double> numbers, Map<String, String> strings)
            implements FittedStage {

        @Override
        public String type() {
            return "impute";
        }

        @Override
        public List<String> inputs() {
            List<String> all = new ArrayList<>(numbers.keySet());
            all.addAll(strings.keySet());
            return all;
        }

        @Override
        public List<ColumnDef> outputs() {
            List<ColumnDef> out = new ArrayList<>();
            numbers.keySet().forEach(c -> out.add(ColumnDef.numeric(c)));
            strings.keySet().forEach(c -> out.add(ColumnDef.string(c)));
            return out;
        }

        @Override
        public boolean fillsMissing(String column) {
            return numbers.containsKey(column) || strings.containsKey(column);
        }

        @Override
        public RowTransform compile(Layout layout) {
            int[] num = numbers.keySet().stream().mapToInt(layout::numeric).toArray();
            double[] fill =
                    numbers.values().stream().mapToDouble(Double::doubleValue).toArray();
            int[] str = strings.keySet().stream().mapToInt(layout::string).toArray();
            String[] text = strings.values().toArray(String[]::new);
            return row -> {
                for (int i = 0; i < num.length; i++) {
                    if (Double.isNaN(row.num[num[i]])) row.num[num[i]] = fill[i];
                }
                for (int i = 0; i < str.length; i++) {
                    if (row.str[str[i]] == null) row.str[str[i]] = text[i];
                }
            };
        }

        @Override
        public String summary() {
            List<String> parts = new ArrayList<>();
            numbers.forEach((c, v) -> parts.add(c + "=" + Columns.fmt(v)));
            strings.forEach((c, v) -> parts.add(c + "=\"" + v + "\""));
            return strategy + ": " + Columns.join(parts, 4);
        }
    }
}
