package org.bighead.pipeline.stages;

import java.util.List;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/** Replaces heavy-tailed counts by log(1 + x) in place: {@code Log.of("number_of_reviews")}. Needs x ≥ 0. */
public final class Log implements Stage {
    private final List<String> columns;

    private Log(String... columns) {
        this.columns = Columns.of("Log", columns);
    }

    /** log(1 + x) of each column. */
    public static Log of(String... columns) {
        return new Log(columns);
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.inPlace(columns, "log(1 + x)");
    }

    @Override
    public Fitted fit(Frame data) {
        for (String column : columns) {
            for (double v : data.numeric(column)) {
                if (v < 0) {
                    throw negative(column, v);
                }
            }
        }
        return new Fitted(columns);
    }

    static BadInputException negative(String column, double v) {
        return new BadInputException(
                column,
                BadInputException.Problem.WRONG_TYPE,
                "column '" + column + "': Log needs values ≥ 0, got " + v);
    }

    /** Applies log(1 + x). */
    public record Fitted(List<String> columns) implements FittedStage {
        @Override
        public String type() {
            return "log";
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
            int[] slots = columns.stream().mapToInt(layout::numeric).toArray();
            return row -> {
                for (int i = 0; i < slots.length; i++) {
                    double v = row.num[slots[i]];
                    if (v < 0) {
                        throw negative(columns.get(i), v);
                    }
                    // StrictMath: identical bits on every JVM and CPU
                    row.num[slots[i]] = StrictMath.log1p(v);
                }
            };
        }

        @Override
        public String summary() {
            return "log1p: " + Columns.join(columns, 4);
        }
    }
}
