package org.bighead.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;
import org.bighead.pipeline.viz.PipelineGraph;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained pipeline: the one artifact that scores in a notebook, in batch and online. {@link #save} writes it
 * as a {@code .bighead} bundle; {@link #load} reads it back anywhere and predicts exactly the same values.
 */
public final class FittedPipeline implements Displayable {
    private final String target;
    private final LinkedHashMap<String, FittedStage> stages;
    private final FittedModel model;
    private final Schema input;
    private Metadata metadata;
    private java.util.function.Supplier<Metadata> pendingMetadata;
    private final ThreadLocal<Scorer> scorers;

    /** Assembles a fitted pipeline; used by fitting and by bundle loading. */
    public FittedPipeline(String target, Map<String, FittedStage> stages, Schema input, Metadata metadata) {
        this(target, stages, input, () -> metadata);
    }

    /**
     * Assembles a fitted pipeline whose metadata is read on first use: scoring never needs the training
     * profile, so a serving process that loads a bundle does not pay for parsing it.
     */
    public FittedPipeline(
            String target,
            Map<String, FittedStage> stages,
            Schema input,
            java.util.function.Supplier<Metadata> metadata) {
        this.target = target;
        this.stages = new LinkedHashMap<>(stages);
        List<FittedStage> list = new ArrayList<>(stages.values());
        if (list.isEmpty() || !(list.get(list.size() - 1) instanceof FittedModel m)) {
            throw new PipelineException("a fitted pipeline ends with a fitted model");
        }
        this.model = m;
        this.input = input;
        this.pendingMetadata = metadata;
        this.scorers = ThreadLocal.withInitial(this::scorer);
    }

    /** Loads a bundle written by {@link #save}, verifying its manifest. */
    public static FittedPipeline load(Path bundle) throws IOException {
        return Bundle.read(bundle);
    }

    /**
     * Loads a bundle, doing with the code it may carry (classes written in notebook cells) what {@code code} says:
     * {@link BundleCode#TRUST} loads it, for bundles whose origin you trust.
     */
    public static FittedPipeline load(Path bundle, BundleCode code) throws IOException {
        return Bundle.read(bundle, code);
    }

    /** Saves as a single {@code .bighead} file, atomically: the path holds the old file or the new, never half. */
    public FittedPipeline save(Path bundle) throws IOException {
        Bundle.write(this, bundle);
        return this;
    }

    /** Scores one row (column name to value); absent or null values are missing. */
    public Prediction predict(Map<String, ?> row) {
        Scorer scorer = scorers.get();
        return scorer.current(scorer.score(row));
    }

    /** Scores one typed row: a record whose component names are the column names. */
    public Prediction predict(Record row) {
        return predict(Rows.of(row));
    }

    /** Scores one row and returns just the number: the prediction (regression) or class index. */
    public double predictValue(Map<String, ?> row) {
        return scorers.get().score(row);
    }

    /**
     * Scores a table: a copy of it with "prediction" appended (the class label for classifiers) and, for
     * classifiers, one "probability(class)" column per class.
     */
    public Table predict(Table table) {
        double[][] out = score(table);
        Table result = table.copy();
        List<String> classes = model.classes();
        if (classes.isEmpty()) {
            result.addColumns(DoubleColumn.create(FittedModel.PREDICTION, out[0]));
        } else {
            String[] labels = new String[out[0].length];
            for (int i = 0; i < labels.length; i++) labels[i] = classes.get((int) out[0][i]);
            result.addColumns(StringColumn.create(FittedModel.PREDICTION, labels));
            for (int k = 0; k < classes.size(); k++) {
                result.addColumns(DoubleColumn.create(FittedModel.probabilityColumn(classes.get(k)), out[1 + k]));
            }
        }
        return result;
    }

    /** Raw batch outputs: [0] prediction or class index, [1 + k] probability of class k. */
    public double[][] score(Table table) {
        return BatchScorer.score(
                blockScorer(BatchScorer.BLOCK), input, model.classes().size(), table);
    }

    /** Metrics on a labelled table, recorded in the metadata as data set "test". */
    public Metrics evaluate(Table table) {
        return evaluate(table, "test");
    }

    /** Metrics on a labelled table, recorded in the metadata under {@code dataSet}. */
    public Metrics evaluate(Table table, String dataSet) {
        if (table.rowCount() == 0) {
            throw new BadInputException(
                    null, BadInputException.Problem.EMPTY_TABLE, "cannot evaluate on an empty table");
        }
        Target y = Target.forEvaluation(table, target, model.task(), model.classes());
        double[][] out = score(table);
        Metrics metrics = model.task() == Task.REGRESSION
                ? Metrics.regression(y.values(), out[0])
                : Metrics.classification(y.labels(), java.util.Arrays.copyOfRange(out, 1, out.length), model.classes());
        synchronized (this) {
            metadata = metadata().withMetrics(dataSet, metrics.values());
        }
        return metrics;
    }

    /** A new single-thread scorer: the fastest way to score many rows one by one. */
    public Scorer scorer() {
        return new Scorer(input, stages.values(), model);
    }

    /** A new single-thread scorer of {@code capacity} rows at a time: the fastest way to score many rows. */
    public BlockScorer blockScorer(int capacity) {
        return new BlockScorer(scorer(), capacity);
    }

    /** The target column. */
    public String target() {
        return target;
    }

    /** Regression or classification. */
    public Task task() {
        return model.task();
    }

    /** Class labels, empty for regression. */
    public List<String> classes() {
        return model.classes();
    }

    /** Stage name to fitted stage, in order; the model is last. */
    public Map<String, FittedStage> stages() {
        return java.util.Collections.unmodifiableMap(stages);
    }

    /** The fitted stage named {@code name}. */
    public FittedStage stage(String name) {
        FittedStage s = stages.get(name);
        if (s == null) {
            throw new PipelineException("no stage '" + name + "'; stages: " + stages.keySet());
        }
        return s;
    }

    /** The trained model. */
    public FittedModel model() {
        return model;
    }

    /** What rows must contain: the raw columns the pipeline reads. */
    public Schema inputSchema() {
        return input;
    }

    /** What scoring produces. */
    public Schema outputSchema() {
        List<Field> fields = new ArrayList<>();
        if (model.classes().isEmpty()) {
            fields.add(Field.numeric(FittedModel.PREDICTION, false));
        } else {
            fields.add(new Field(FittedModel.PREDICTION, Kind.STRING, "STRING", false, model.classes()));
            model.classes().forEach(c -> fields.add(Field.numeric(FittedModel.probabilityColumn(c), false)));
        }
        return new Schema(fields);
    }

    /** How it was made: profile, metrics, importance, versions, fingerprint. */
    public synchronized Metadata metadata() {
        if (pendingMetadata != null) {
            metadata = pendingMetadata.get();
            pendingMetadata = null;
        }
        return metadata;
    }

    /** Metrics recorded so far, by data set ("train", "test"). */
    public Map<String, Map<String, Double>> metrics() {
        return metadata().metrics();
    }

    /** The graph of stages and the columns flowing between them. */
    public PipelineGraph graph() {
        return PipelineGraphs.fitted(input.names(), target, stages, model);
    }

    /** HTML of a stage's input next to its output on the first {@code rows} rows of {@code table}. */
    public String beforeAfter(String stageName, Table table, int rows) {
        FittedStage chosen = stage(stageName);
        Frame frame = Frame.of(table.first(rows));
        frame.remove(target);
        for (FittedStage s : stages.values()) {
            if (s == chosen) {
                Table before = frame.toTable("before");
                Frame after = Frames.apply(frame, s);
                List<String> changed = s.outputs().stream().map(ColumnDef::name).toList();
                return Html.beforeAfter(before, after.toTable("after"), changed, rows);
            }
            frame = Frames.apply(frame, s);
        }
        throw new AssertionError();
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>(graph().mimeBundle());
        bundle.put("text/plain", toString());
        return bundle;
    }

    @Override
    public String toString() {
        return "FittedPipeline" + stages.keySet() + " → " + target + " ("
                + model.task().name().toLowerCase(Locale.ROOT) + ", "
                + input.fields().size() + " input columns) " + metrics();
    }
}
