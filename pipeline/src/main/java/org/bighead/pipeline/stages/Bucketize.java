package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Replaces a number by the index of its bucket: {@code Bucketize.edges("accommodates", 2, 4, 8)} gives 0 for
 * x < 2, 1 for 2 ≤ x < 4, ..., or {@code Bucketize.quantiles("minimum_nights", 5)} learns the edges.
 */
public final class Bucketize implements Stage {
    private final String column;
    private final double[] edges;
    private final int quantiles;

    private Bucketize(String column, double[] edges, int quantiles) {
        this.column = Columns.of("Bucketize", column).get(0);
        this.edges = edges;
        this.quantiles = quantiles;
    }

    /** Fixed, strictly increasing bucket edges. */
    public static Bucketize edges(String column, double... edges) {
        if (edges.length == 0) {
            throw new PipelineException("Bucketize.edges needs at least one edge");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new PipelineException(
                        "Bucketize.edges must be strictly increasing, got " + Arrays.toString(edges));
            }
        }
        return new Bucketize(column, edges.clone(), 0);
    }

    /** Edges at the training data's quantiles, for {@code buckets} buckets of similar size. */
    public static Bucketize quantiles(String column, int buckets) {
        if (buckets < 2) {
            throw new PipelineException("Bucketize.quantiles needs at least 2 buckets, got " + buckets);
        }
        return new Bucketize(column, null, buckets);
    }

    @Override
    public String name() {
        return "bucketize";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.inPlace(
                List.of(column),
                edges != null
                        ? "edges "
                                + java.util.Arrays.stream(edges)
                                        .mapToObj(e -> org.bighead.pipeline.viz.Html.formatNumber(e, 6))
                                        .collect(java.util.stream.Collectors.joining(", "))
                        : quantiles + " quantile buckets");
    }

    @Override
    public Fitted fit(Frame data) {
        double[] present = Columns.presentSorted(data.numeric(column));
        if (edges != null) {
            return new Fitted(column, Arrays.stream(edges).boxed().toList());
        }
        if (present.length == 0) {
            throw new PipelineException("Bucketize: column '" + column + "' has no values to learn quantiles from");
        }
        List<Double> learned = new ArrayList<>();
        for (int q = 1; q < quantiles; q++) {
            double edge = present[(int) ((long) q * (present.length - 1) / quantiles)];
            if (learned.isEmpty() || edge > learned.get(learned.size() - 1)) {
                learned.add(edge);
            }
        }
        return new Fitted(column, learned);
    }

    /** Bucket index = number of edges ≤ x; missing stays missing. */
    public record Fitted(String column, List<Double> edges) implements FittedStage {
        @Override
        public String type() {
            return "bucketize";
        }

        @Override
        public List<String> inputs() {
            return List.of(column);
        }

        @Override
        public List<ColumnDef> outputs() {
            return List.of(ColumnDef.numeric(column));
        }

        @Override
        public RowTransform compile(Layout layout) {
            int slot = layout.numeric(column);
            double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
            return row -> {
                double v = row.num[slot];
                if (Double.isNaN(v)) return;
                int lo = 0;
                int hi = e.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (e[mid] <= v) lo = mid + 1;
                    else hi = mid;
                }
                row.num[slot] = lo;
            };
        }

        @Override
        public String summary() {
            return column + " edges "
                    + Columns.join(edges.stream().map(Columns::fmt).toList(), 6);
        }
    }
}
