package org.bighead.pipeline.stages;

import java.util.List;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Hides columns from later stages and the model: {@code Drop.of("listing_id", "booked")}. Dropped columns are
 * not required when scoring. Names absent from the data are ignored, so one pipeline serves tables with or
 * without them.
 */
public final class Drop implements Stage {
    private final List<String> columns;

    private Drop(List<String> columns) {
        this.columns = columns;
    }

    /** Drops these columns (patterns ending in {@code *} allowed). */
    public static Drop of(String... columns) {
        return new Drop(Columns.of("Drop", columns));
    }

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.drops(columns, "drop " + columns.size() + (columns.size() == 1 ? " column" : " columns"));
    }

    @Override
    public Fitted fit(Frame data) {
        return new Fitted(columns.stream()
                .flatMap(p -> Select.match(p, data.names()).stream())
                .distinct()
                .toList());
    }

    /** The columns hidden. */
    public record Fitted(List<String> dropped) implements FittedStage {
        @Override
        public String type() {
            return "drop";
        }

        @Override
        public List<String> inputs() {
            return List.of();
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of();
        }

        @Override
        public List<String> removes() {
            return dropped;
        }

        @Override
        public RowTransform compile(Layout layout) {
            return row -> {};
        }

        @Override
        public String summary() {
            return Columns.join(dropped, 4);
        }
    }
}
