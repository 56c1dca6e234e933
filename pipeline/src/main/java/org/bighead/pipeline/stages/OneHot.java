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
 * One 0/1 column per category: {@code OneHot.of("room_type")} turns room_type into "room_type=Private room"
 * and friends and hides the text column. A missing value sets none of them; an unseen one follows
 * {@link #unseen(Unseen)} (ignored by default).
 */
public final class OneHot implements Stage {
    private final List<String> columns;
    private final Unseen unseen;

    private OneHot(List<String> columns, Unseen unseen) {
        this.columns = columns;
        this.unseen = unseen;
    }

    /** One-hot encodes each column. */
    public static OneHot of(String... columns) {
        return new OneHot(Columns.of("OneHot", columns), Unseen.IGNORE);
    }

    /** The same encoder with another policy for unseen categories. */
    public OneHot unseen(Unseen policy) {
        return new OneHot(columns, policy);
    }

    /** The output column for one category. */
    public static String columnFor(String column, String category) {
        return column + "=" + category;
    }

    @Override
    public String name() {
        return "one-hot";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.encodes(columns, "=*", "unseen: " + unseen.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Fitted fit(Frame data) {
        List<List<String>> categories = new ArrayList<>();
        for (String column : columns) {
            categories.add(Categories.learn("OneHot", column, data.strings(column)));
        }
        return new Fitted(columns, categories, unseen);
    }

    /** Learned categories per column. */
    public record Fitted(List<String> columns, List<List<String>> categories, Unseen unseen) implements FittedStage {

        @Override
        public String type() {
            return "one-hot";
        }

        @Override
        public List<String> inputs() {
            return columns;
        }

        @Override
        public List<ColumnDef> outputs() {
            List<ColumnDef> out = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                for (String category : categories.get(c)) {
                    out.add(ColumnDef.numeric(columnFor(columns.get(c), category)));
                }
            }
            return out;
        }

        @Override
        public List<String> removes() {
            return columns;
        }

        @Override
        public boolean fillsMissing(String column) {
            return columns.contains(column);
        }

        @Override
        public RowTransform compile(Layout layout) {
            int n = columns.size();
            int[] in = columns.stream().mapToInt(layout::string).toArray();
            int[][] out = new int[n][];
            List<Map<String, Integer>> index = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                String column = columns.get(c);
                out[c] = categories.get(c).stream()
                        .mapToInt(k -> layout.numeric(columnFor(column, k)))
                        .toArray();
                index.add(Categories.index(categories.get(c)));
            }
            boolean strict = unseen == Unseen.ERROR;
            return row -> {
                for (int c = 0; c < n; c++) {
                    int[] slots = out[c];
                    for (int slot : slots) row.num[slot] = 0.0;
                    String value = row.str[in[c]];
                    if (value == null) continue;
                    Integer k = index.get(c).get(value);
                    if (k != null) {
                        row.num[slots[k]] = 1.0;
                    } else if (strict) {
                        throw Categories.unseen(columns.get(c), value, categories.get(c));
                    }
                }
            };
        }

        @Override
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                parts.add(columns.get(c) + " (" + categories.get(c).size() + ")");
            }
            return Columns.join(parts, 4) + (unseen == Unseen.ERROR ? ", unseen: error" : "");
        }
    }
}
