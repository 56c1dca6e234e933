package org.bighead.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Scorer;

/**
 * Scores one partition with one {@link Scorer} (the plan of the notebook and of serving): each row's input columns
 * go in as a map of their values, exactly as {@code ./bighead predict} gives a CSV or JSON row. The output row is
 * the input row unchanged plus {@code prediction} (+ {@code probability(CLASS)} for classifiers) and {@code error}:
 * a row the model cannot score keeps nulls and says why, and the run goes on.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    /** The output column naming why a row was not scored (null when it was). */
    static final String ERROR = "error";

    /** A CSV line Spark could not split into the header's fields (read with this column, dropped before output). */
    static final String CORRUPT = "_bighead_corrupt_record";

    private final Broadcast<byte[]> bundle;
    private final String sha256;
    private final String[] inputs; // the model's input columns
    private final int[] positions; // where each is in the row, -1 when the data has no such column
    private final int width; // input columns passed through
    private final int corrupt; // position of CORRUPT, or -1
    private final List<String> classes;
    private final LongAccumulator rows;
    private final LongAccumulator bad;

    PartitionScorer(
            Broadcast<byte[]> bundle,
            String sha256,
            FittedPipeline pipeline,
            StructType data,
            LongAccumulator rows,
            LongAccumulator bad) {
        this.bundle = bundle;
        this.sha256 = sha256;
        this.inputs = pipeline.inputSchema().names().toArray(String[]::new);
        List<String> names = List.of(data.fieldNames());
        this.corrupt = names.indexOf(CORRUPT);
        this.width = corrupt >= 0 ? names.size() - 1 : names.size();
        this.positions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            positions[i] = names.indexOf(inputs[i]);
        }
        this.classes = List.copyOf(pipeline.classes());
        this.rows = rows; // counted as rows go by: a task Spark runs again (a lost executor) counts twice
        this.bad = bad;
    }

    /** The columns scoring adds after the data's: prediction, the class probabilities, error. */
    static List<String> addedColumns(FittedPipeline pipeline) {
        List<String> added = new ArrayList<>();
        added.add(FittedModel.PREDICTION);
        for (String c : pipeline.classes()) added.add(FittedModel.probabilityColumn(c));
        added.add(ERROR);
        return added;
    }

    /** The output schema: the data's columns, then prediction, the class probabilities and error. */
    static StructType outputSchema(StructType data, FittedPipeline pipeline) {
        StructType out = new StructType();
        for (StructField f : data.fields()) {
            if (!f.name().equals(CORRUPT)) out = out.add(f);
        }
        List<String> classes = pipeline.classes();
        out = out.add(FittedModel.PREDICTION, classes.isEmpty() ? DataTypes.DoubleType : DataTypes.StringType, true);
        for (String c : classes) {
            out = out.add(FittedModel.probabilityColumn(c), DataTypes.DoubleType, true);
        }
        return out.add(ERROR, DataTypes.StringType, true);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
        Scorer scorer = ExecutorPipelines.get(sha256, bundle.value()).scorer();
        Map<String, Object> values = new HashMap<>();
        int outputs = 1 + classes.size() + 1;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Row next() {
                Row row = in.next();
                Object[] out = new Object[width + outputs];
                for (int j = 0, k = 0; j < row.length(); j++) {
                    if (j != corrupt) out[k++] = row.get(j);
                }
                rows.add(1);
                String error = corrupt >= 0 && !row.isNullAt(corrupt) ? "not a CSV row of the header's columns" : null;
                if (error == null) {
                    try {
                        score(row, out);
                    } catch (PipelineException e) {
                        error = e.getMessage();
                    }
                }
                if (error != null) {
                    bad.add(1);
                    java.util.Arrays.fill(out, width, out.length, null);
                    out[out.length - 1] = error;
                }
                return RowFactory.create(out);
            }

            private void score(Row row, Object[] out) {
                values.clear();
                for (int i = 0; i < inputs.length; i++) {
                    if (positions[i] >= 0) values.put(inputs[i], row.get(positions[i]));
                }
                double value = scorer.score(values);
                if (classes.isEmpty()) {
                    out[width] = value;
                } else {
                    out[width] = classes.get((int) value);
                    for (int k = 0; k < classes.size(); k++) {
                        out[width + 1 + k] = scorer.probability(k);
                    }
                }
            }
        };
    }
}
