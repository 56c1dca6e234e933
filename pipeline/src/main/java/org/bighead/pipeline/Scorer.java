package org.bighead.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted pipeline compiled into a flat per-row plan: input values go into slots, each stage's
 * {@link RowTransform} runs in order, the model writes the prediction. {@link #score(Map)} allocates nothing.
 * One instance per thread ({@link FittedPipeline#scorer()} makes one; {@link FittedPipeline#predict(Map)} keeps
 * one per thread for you).
 */
public final class Scorer {
    private final String[] names;
    private final int[] slots;
    private final boolean[] numeric;
    private final boolean[] nullable;
    private final RowTransform[] transforms;
    private final RowBuffer row;
    private final int prediction;
    private final int[] probabilities;
    private final List<String> classes;
    private final Layout layout;
    private final FittedModel model;

    Scorer(Schema input, Iterable<FittedStage> stages, FittedModel model) {
        layout = new Layout();
        this.model = model;
        List<Field> fields = input.fields();
        int n = fields.size();
        names = new String[n];
        slots = new int[n];
        numeric = new boolean[n];
        nullable = new boolean[n];
        for (int i = 0; i < n; i++) {
            Field f = fields.get(i);
            names[i] = f.name();
            numeric[i] = f.kind() == Kind.NUMERIC;
            nullable[i] = f.nullable();
            slots[i] = layout.slot(f.name(), f.kind());
        }
        java.util.ArrayList<RowTransform> plan = new java.util.ArrayList<>();
        for (FittedStage stage : stages) {
            plan.add(stage.compile(layout));
        }
        transforms = plan.toArray(RowTransform[]::new);
        prediction = layout.numeric(FittedModel.PREDICTION);
        classes = model.classes();
        probabilities = classes.stream()
                .mapToInt(c -> layout.numeric(FittedModel.probabilityColumn(c)))
                .toArray();
        row = layout.newBuffer();
    }

    /**
     * Scores one row given as column name to value (numbers, booleans, strings; absent or null means missing).
     * Returns the prediction for regression, the class index for classification ({@link #probability} then
     * gives each class's probability). Throws {@link BadInputException} naming the column on bad input.
     */
    public double score(Map<String, ?> values) {
        row.clear();
        for (int i = 0; i < names.length; i++) {
            Object v = values.get(names[i]);
            if (v == null && !nullable[i] && !values.containsKey(names[i])) {
                throw BadInputException.missingColumn(names[i], "");
            }
            set(row, i, v);
        }
        return run();
    }

    /** Loads input {@code field}'s value, given as in a map, into {@code row}. */
    void set(RowBuffer row, int field, Object value) {
        if (numeric[field]) {
            setNumber(row, field, Values.toNumber(names[field], value));
        } else {
            setText(row, field, Values.toText(names[field], value));
        }
    }

    /** Input {@code field} is not in the data at all: fine if it may be missing (the row's slot stays so). */
    void absent(int field) {
        if (!nullable[field]) {
            throw BadInputException.missingColumn(names[field], "");
        }
    }

    /** Probability of class {@code k} for the row scored last (classification only). */
    public double probability(int k) {
        return row.num[probabilities[k]];
    }

    /** Scores one row into a {@link Prediction} with the class label and probabilities. */
    public Prediction predict(Map<String, ?> values) {
        double value = score(values);
        return current(value);
    }

    Prediction current(double value) {
        if (classes.isEmpty()) {
            return new Prediction(value, null, Map.of());
        }
        Map<String, Double> p = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            p.put(classes.get(k), row.num[probabilities[k]]);
        }
        return new Prediction(value, classes.get((int) value), p);
    }

    int inputs() {
        return names.length;
    }

    void clear() {
        row.clear();
    }

    void setNumber(int field, double value) {
        setNumber(row, field, value);
    }

    void setNumber(RowBuffer row, int field, double value) {
        if (!numeric[field]) {
            throw new IllegalArgumentException("input '" + names[field] + "' is a string column, not a number");
        }
        if (Double.isNaN(value)) {
            if (!nullable[field]) {
                throw BadInputException.missingValue(names[field]);
            }
        } else if (Double.isInfinite(value)) {
            throw new BadInputException(
                    names[field],
                    BadInputException.Problem.WRONG_TYPE,
                    "column '" + names[field] + "': number out of range (" + value + ")");
        }
        row.num[slots[field]] = value;
    }

    void setText(int field, String value) {
        setText(row, field, value);
    }

    void setText(RowBuffer row, int field, String value) {
        if (numeric[field]) {
            throw new IllegalArgumentException("input '" + names[field] + "' is a numeric column, not a string");
        }
        if (value == null && !nullable[field]) {
            throw BadInputException.missingValue(names[field]);
        }
        row.str[slots[field]] = value;
    }

    /** Runs every stage but the model on {@code row}, for {@link BlockScorer}, which scores the model a block at a time. */
    void runStages(RowBuffer row) {
        for (int i = 0; i < transforms.length - 1; i++) {
            transforms[i].apply(row);
        }
    }

    Layout layout() {
        return layout;
    }

    FittedModel model() {
        return model;
    }

    /** Runs the plan on the loaded row; returns the prediction slot. */
    double run() {
        for (RowTransform t : transforms) {
            t.apply(row);
        }
        return row.num[prediction];
    }
}
