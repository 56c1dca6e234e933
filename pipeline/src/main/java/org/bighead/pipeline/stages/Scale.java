package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.List;
import org.bighead.pipeline.ColumnDef;
import org.bighead.pipeline.FittedStage;
import org.bighead.pipeline.Frame;
import org.bighead.pipeline.Layout;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.RowTransform;
import org.bighead.pipeline.Stage;
import org.bighead.pipeline.StepPlan;

/**
 * Rescales numeric columns in place: {@code Scale.standard("accommodates")} to mean 0 and standard deviation 1,
 * {@code Scale.minMax(...)} to [0, 1]. Missing values stay missing.
 */
public final class Scale implements Stage {
    private final boolean standard;
    private final List<String> columns;

    private Scale(boolean standard, String... columns) {
        this.standard = standard;
        this.columns = Columns.of("Scale", columns);
    }

    /** (x - mean) / std, learned from training data. */
    public static Scale standard(String... columns) {
        return new Scale(true, columns);
    }

    /** (x - min) / (max - min), learned from training data. */
    public static Scale minMax(String... columns) {
        return new Scale(false, columns);
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.inPlace(columns, standard ? "standard (z-score)" : "min-max");
    }

    @Override
    public Fitted fit(Frame data) {
        List<Double> offsets = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (String column : columns) {
            double[] present = Columns.presentSorted(data.numeric(column));
            if (present.length == 0) {
                throw new PipelineException("Scale: column '" + column + "' has no values to learn from");
            }
            double offset;
            double scale;
            if (standard) {
                double sum = 0;
                for (double v : present) sum += v;
                offset = sum / present.length;
                double sq = 0;
                for (double v : present) sq += (v - offset) * (v - offset);
                scale = Math.sqrt(sq / present.length);
            } else {
                offset = present[0];
                scale = present[present.length - 1] - present[0];
            }
            offsets.add(offset);
            // a constant column maps to 0 instead of dividing by zero
            scales.add(scale == 0 || !Double.isFinite(scale) ? 1.0 : scale);
        }
        return new Fitted(standard ? "standard" : "min-max", columns, offsets, scales);
    }

    /** Per column: value = (x - offset) / scale. */
    public record Fitted(String method, List<String> columns, List<Double> offsets, List<Double> scales)
            implements FittedStage {

        @Override
        public String type() {
            return "scale";
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
            double[] offset = offsets.stream().mapToDouble(Double::doubleValue).toArray();
            double[] scale = scales.stream().mapToDouble(Double::doubleValue).toArray();
            return row -> {
                double[] num = row.num;
                for (int i = 0; i < slots.length; i++) {
                    num[slots[i]] = (num[slots[i]] - offset[i]) / scale[i];
                }
            };
        }

        @Override
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                parts.add(columns.get(i)
                        + (method.equals("standard") ? " μ=" : " min=")
                        + Columns.fmt(offsets.get(i))
                        + (method.equals("standard") ? " σ=" : " range=")
                        + Columns.fmt(scales.get(i)));
            }
            return method + ": " + Columns.join(parts, 3);
        }
    }
}
