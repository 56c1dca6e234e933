package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Keeps only the named columns for later stages and the model: {@code Select.of("bedrooms", "room_type")}.
 * Names may end in {@code *} to keep a family ({@code "amenities#*"}), which makes it the feature-assembly step
 * before a model. Columns not kept are not required when scoring.
 */
public final class Select implements Stage {
    private final List<String> columns;

    private Select(List<String> columns) {
        this.columns = columns;
    }

    /** Keeps these columns (patterns ending in {@code *} allowed). */
    public static Select of(String... columns) {
        return new Select(Columns.of("Select", columns));
    }

    /** Keeps these columns. */
    public static Select of(List<String> columns) {
        return of(columns.toArray(String[]::new));
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.keeps(columns, "keep " + columns.size() + (columns.size() == 1 ? " column" : " columns"));
    }

    @Override
    public Fitted fit(Frame data) {
        List<String> kept = new ArrayList<>();
        for (String pattern : columns) {
            List<String> matched = match(pattern, data.names());
            if (matched.isEmpty()) {
                data.kind(pattern); // throws "missing required column" naming what the data has
            }
            matched.stream().filter(c -> !kept.contains(c)).forEach(kept::add);
        }
        List<String> removed =
                data.names().stream().filter(c -> !kept.contains(c)).toList();
        return new Fitted(kept, removed);
    }

    static List<String> match(String pattern, List<String> names) {
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return names.stream().filter(n -> n.startsWith(prefix)).toList();
        }
        return names.contains(pattern) ? List.of(pattern) : List.of();
    }

    /** The kept columns (expanded) and the ones hidden. */
    public record Fitted(List<String> kept, List<String> removed) implements FittedStage {
        @Override
        public String type() {
            return "select";
        }

        @Override
        public List<String> inputs() {
            return kept;
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of();
        }

        @Override
        public List<String> removes() {
            return removed;
        }

        @Override
        public RowTransform compile(Layout layout) {
            return row -> {};
        }

        @Override
        public String summary() {
            return "keep " + kept.size() + ", drop " + removed.size();
        }
    }
}
