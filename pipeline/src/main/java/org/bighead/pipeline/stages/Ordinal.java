package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Replaces each category by its index (most frequent = 0): {@code Ordinal.of("neighbourhood")}; the column
 * keeps its name and becomes numeric. Missing stays missing; an unseen category is -1 or an error.
 */
public final class Ordinal implements Stage {
    private final List<String> columns;
    private final Unseen unseen;

    private Ordinal(List<String> columns, Unseen unseen) {
        this.columns = columns;
        this.unseen = unseen;
    }

    /** Ordinal-encodes each column. */
    public static Ordinal of(String... columns) {
        return new Ordinal(Columns.of("Ordinal", columns), Unseen.IGNORE);
    }

    /** The same encoder with another policy for unseen categories. */
    public Ordinal unseen(Unseen policy) {
        return new Ordinal(columns, policy);
    }

    @Override
    public String name() {
        return "ordinal";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.inPlace(columns, "unseen: " + unseen.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Fitted fit(Frame data) {
        List<List<String>> categories = new ArrayList<>();
        for (String column : columns) {
            categories.add(Categories.learn("Ordinal", column, data.strings(column)));
        }
        return new Fitted(columns, categories, unseen);
    }

    /** Learned categories per column, in index order. */
    public record Fitted(List<String> columns, List<List<String>> categories, Unseen unseen) implements FittedStage {

        @Override
        public String type() {
            return "ordinal";
        }

        @Override
        public List<String> inputs() {
            return columns;
        }

        @Override
        public List<ColumnDef> outputs() {
            return columns.stream().map(ColumnDef::numeric).toList();
        }

        @Override
        public RowTransform compile(Layout layout) {
            int n = columns.size();
            int[] in = columns.stream().mapToInt(layout::string).toArray();
            int[] out = columns.stream().mapToInt(layout::numeric).toArray();
            List<Map<String, Integer>> index =
                    categories.stream().map(Categories::index).toList();
            boolean strict = unseen == Unseen.ERROR;
            return row -> {
                for (int c = 0; c < n; c++) {
                    String value = row.str[in[c]];
                    if (value == null) {
                        row.num[out[c]] = Double.NaN;
                        continue;
                    }
                    Integer k = index.get(c).get(value);
                    if (k == null && strict) {
                        throw Categories.unseen(columns.get(c), value, categories.get(c));
                    }
                    row.num[out[c]] = k == null ? -1.0 : k;
                }
            };
        }

        @Override
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                parts.add(columns.get(c) + " (" + categories.get(c).size() + ")");
            }
            return Columns.join(parts, 4);
        }
    }
}
