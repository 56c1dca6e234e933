package org.bighead.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.bighead.pipeline.BlockScorer;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Values;

/**
 * Scores one partition with one {@link BlockScorer} (the plan of the notebook and of serving), {@value #BLOCK} rows at
 * a time: each row's input columns go in as a map's values would, exactly as {@code ./bighead predict} gives a CSV
 * or JSON row. The output row is
 * the input row unchanged plus {@code prediction} (+ {@code probability(CLASS)} for classifiers) and {@code error}:
 * a row the model cannot score keeps nulls and says why, and the run goes on.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
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
    private final boolean[] numeric; // whether each input is a numeric one
    private final int[] kinds; // how each input's column is read, OTHER when through a converter
    private final DataType[] types; // of the data's columns
    private final StructType output;
    private final List<String> classes;
    private final LongAccumulator rows;
    private final LongAccumulator bad;

    /** Rows scored together: the model walks each tree for all of them at once. */
    static final int BLOCK = 256;

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
        this.numeric = new boolean[inputs.length];
        this.kinds = new int[inputs.length];
        this.types = new DataType[names.size()];
        for (int j = 0; j < types.length; j++) {
            types[j] = data.fields()[j].dataType();
        }
        for (int i = 0; i < inputs.length; i++) {
            numeric[i] = pipeline.inputSchema().fields().get(i).kind() == Kind.NUMERIC;
            kinds[i] = positions[i] >= 0 ? kind(types[positions[i]]) : OTHER;
        }
        this.output = outputSchema(data, pipeline);
        this.classes = List.copyOf(pipeline.classes());
        this.rows = rows;
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

    /**
     * {@code data} scored: its rows go through {@link #call} as Spark's internal rows, so the columns only passed
     * through are never turned into Java objects and back (strings above all), which costs more than scoring.
     */
    Dataset<Row> score(Dataset<Row> data) {
        // internal API, public in the bytecode: the classic (not Spark Connect) Dataset and session, as embedded here
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) data;
        SparkPlan scan = corrupt < 0 ? columnarScan(classic.queryExecution().executedPlan()) : null;
        RDD<InternalRow> out;
        if (scan != null) {
            out = scan.executeColumnar()
                    .toJavaRDD()
                    .mapPartitions(new ColumnarPartitionScorer(this))
                    .rdd();
        } else {
            out = classic.queryExecution()
                    .toRdd()
                    .toJavaRDD()
                    .mapPartitions(this)
                    .rdd();
        }
        return classic.sparkSession().internalCreateDataFrame(out, output, false);
    }

    /**
     * The scan under {@code plan} when the plan is nothing but a columnar scan turned into rows (Parquet read by
     * Spark's vectorized reader) of the data's columns in their order, so its batches can be scored as they are; else
     * null (CSV, or a reader without columnar batches), and rows go through {@link #call}.
     */
    static SparkPlan columnarScan(SparkPlan plan) {
        SparkPlan at = plan;
        while (true) {
            if (at instanceof WholeStageCodegenExec w) {
                at = w.child();
            } else if (at instanceof ColumnarToRowExec c) {
                at = c.child();
            } else if (at instanceof InputAdapter a) {
                at = a.child();
            } else {
                break;
            }
        }
        boolean bare = at != plan
                && at.supportsColumnar()
                && at.children().isEmpty()
                && java.util.Arrays.equals(
                        at.schema().fieldNames(), plan.schema().fieldNames());
        return bare ? at : null;
    }

    /** The partition's scorer: the bundle's pipeline, loaded once per executor. */
    BlockScorer blockScorer() {
        return ExecutorPipelines.get(sha256, bundle.value()).blockScorer(BLOCK);
    }

    List<String> classes() {
        return classes;
    }

    /** Counts rows as they go by: a task Spark runs again (a lost executor) counts twice. */
    void counted(int scored, int failed) {
        rows.add(scored);
        if (failed > 0) bad.add(failed);
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> in) {
        BlockScorer scorer = blockScorer();
        InternalRow[] block = new InternalRow[BLOCK];
        boolean[] corrupted = new boolean[BLOCK];
        UTF8String[] labels = classes.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
        int added = 1 + classes.size() + 1;
        return new Iterator<>() {
            private int size; // rows in the block
            private int next; // the next one to hand out

            @Override
            public boolean hasNext() {
                return next < size || in.hasNext();
            }

            @Override
            public InternalRow next() {
                if (next == size) {
                    fill();
                }
                return block[next++];
            }

            // Reads up to a block of rows, scores them together, makes their output rows.
            private void fill() {
                size = 0;
                next = 0;
                while (size < BLOCK && in.hasNext()) {
                    // Spark reuses the row object it hands out: keep a copy until the block is scored
                    InternalRow row = in.next().copy();
                    int r = size++;
                    block[r] = row;
                    scorer.clear(r);
                    corrupted[r] = corrupt >= 0 && !row.isNullAt(corrupt);
                    if (!corrupted[r]) {
                        load(scorer, row, r);
                    }
                }
                if (size == 0) {
                    throw new java.util.NoSuchElementException();
                }
                scorer.run(size);
                int failed = 0;
                for (int r = 0; r < size; r++) {
                    Object[] extra = new Object[added];
                    PipelineException e = scorer.error(r);
                    if (corrupted[r] || e != null) {
                        failed++;
                        extra[added - 1] = UTF8String.fromString(
                                corrupted[r] ? "not a CSV row of the header's columns" : e.getMessage());
                    } else if (classes.isEmpty()) {
                        extra[0] = scorer.value(r);
                    } else {
                        extra[0] = labels[(int) scorer.value(r)];
                        for (int k = 0; k < classes.size(); k++) {
                            extra[1 + k] = scorer.probability(r, k);
                        }
                    }
                    block[r] = withColumns(block[r], extra);
                }
                counted(size, failed);
            }
        };
    }

    // Each input as ./bighead predict's map would hold it: the value Spark's Row gives, converted by the
    // pipeline's rules; numbers go straight in, as boxing and unboxing changes no bits.
    void load(BlockScorer scorer, InternalRow row, int r) {
        for (int i = 0; i < inputs.length; i++) {
            int at = positions[i];
            if (at < 0) {
                scorer.absent(r, i);
            } else if (row.isNullAt(at)) {
                scorer.set(r, i, null);
            } else if (numeric[i] && kinds[i] != OTHER) {
                scorer.setNumber(r, i, number(row, at, kinds[i]));
            } else {
                scorer.set(r, i, external(row, at));
            }
        }
    }

    /** Per-thread state of {@link #load(BlockScorer, ColumnarBatch, int, int, VectorStrings[])}: one per input. */
    VectorStrings[] vectorStrings() {
        VectorStrings[] strings = new VectorStrings[inputs.length];
        for (int i = 0; i < inputs.length; i++) strings[i] = new VectorStrings();
        return strings;
    }

    /**
     * Rows {@code first} to {@code first + size - 1} of a column batch as rows 0 to {@code size - 1} of {@code
     * scorer}: what {@link #load(BlockScorer, InternalRow, int)} does for each row, read column by column from the
     * vectors (a row's first bad input still names its error, as inputs go in the same order).
     */
    void load(BlockScorer scorer, ColumnarBatch batch, int first, int size, VectorStrings[] strings) {
        for (int i = 0; i < inputs.length; i++) {
            int at = positions[i];
            if (at < 0) {
                for (int r = 0; r < size; r++) scorer.absent(r, i);
                continue;
            }
            ColumnVector vector = batch.column(at);
            boolean nulls = vector.hasNull();
            int kind = kinds[i];
            boolean number = numeric[i] && kind != OTHER;
            boolean text = types[at] instanceof StringType;
            for (int r = 0; r < size; r++) {
                int row = first + r;
                if (nulls && vector.isNullAt(row)) {
                    scorer.set(r, i, null);
                } else if (number) {
                    scorer.setNumber(r, i, number(vector, row, kind));
                } else if (text) {
                    scorer.set(r, i, strings[i].get(vector, row));
                } else {
                    scorer.set(r, i, external(batch.getRow(row), at));
                }
            }
        }
    }

    private static double number(ColumnVector vector, int row, int kind) {
        return switch (kind) {
            case DOUBLE -> vector.getDouble(row);
            case FLOAT -> vector.getFloat(row);
            case LONG -> vector.getLong(row);
            case INT -> vector.getInt(row);
            case SHORT -> vector.getShort(row);
            case BYTE -> vector.getByte(row);
            case BOOLEAN -> Values.ofBoolean(vector.getBoolean(row));
            default -> throw new IllegalStateException("kind " + kind);
        };
    }

    // The column kinds read without a converter.
    private static final int OTHER = 0;
    private static final int DOUBLE = 1;
    private static final int FLOAT = 2;
    private static final int LONG = 3;
    private static final int INT = 4;
    private static final int SHORT = 5;
    private static final int BYTE = 6;
    private static final int BOOLEAN = 7;

    private static int kind(DataType type) {
        if (type instanceof DoubleType) return DOUBLE;
        if (type instanceof FloatType) return FLOAT;
        if (type instanceof LongType) return LONG;
        if (type instanceof IntegerType) return INT;
        if (type instanceof ShortType) return SHORT;
        if (type instanceof ByteType) return BYTE;
        if (type instanceof BooleanType) return BOOLEAN;
        return OTHER;
    }

    // What Values.toNumber makes of the boxed value Row.get would give.
    private static double number(InternalRow row, int at, int kind) {
        return switch (kind) {
            case DOUBLE -> row.getDouble(at);
            case FLOAT -> row.getFloat(at);
            case LONG -> row.getLong(at);
            case INT -> row.getInt(at);
            case SHORT -> row.getShort(at);
            case BYTE -> row.getByte(at);
            case BOOLEAN -> Values.ofBoolean(row.getBoolean(at));
            default -> throw new IllegalStateException("kind " + kind);
        };
    }

    // The Java value Row.get gives for this column (strings, and any type read without a converter above).
    private Object external(InternalRow row, int at) {
        DataType type = types[at];
        if (type instanceof StringType) return row.getUTF8String(at).toString();
        return CatalystTypeConverters.convertToScala(row.get(at, type), type);
    }

    // The input row without the corrupt-record column, then the added values.
    private InternalRow withColumns(InternalRow row, Object[] extra) {
        if (corrupt < 0) {
            return new JoinedRow(row, new GenericInternalRow(extra));
        }
        Object[] values = new Object[width + extra.length];
        for (int j = 0, k = 0; j < types.length; j++) {
            if (j != corrupt) values[k++] = row.get(j, types[j]);
        }
        System.arraycopy(extra, 0, values, width, extra.length);
        return new GenericInternalRow(values);
    }
}
