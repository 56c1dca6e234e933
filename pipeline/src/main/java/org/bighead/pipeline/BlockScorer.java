package org.bighead.pipeline;

import java.util.Arrays;

/**
 * Scores rows a block at a time with the plan of a {@link Scorer}: load up to {@link #capacity()} rows, {@link
 * #run} them, read each row's prediction or error. The stages run row by row as in a Scorer; the model scores the
 * whole block in one call ({@link FittedModel#predict(double[], int, int, double[])}), which a tree ensemble does
 * several times faster than row by row. Results are bit for bit a Scorer's. A bad row gets its error and leaves
 * the other rows alone. One instance per thread ({@link FittedPipeline#blockScorer}).
 */
public final class BlockScorer {
    private final Scorer plan;
    private final FittedModel model;
    private final RowBuffer[] rows;
    private final PipelineException[] errors;
    private final int[] featureSlots;
    private final int classes;
    private final int width; // model outputs a row
    private final double[] features; // capacity rows of featureSlots.length
    private final double[] out; // capacity rows of width
    private final double[] values; // prediction (value or class index) a row

    BlockScorer(Scorer plan, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a block holds at least one row, got " + capacity);
        }
        this.plan = plan;
        this.model = plan.model().copyForThread();
        Layout layout = plan.layout();
        this.rows = new RowBuffer[capacity];
        for (int r = 0; r < capacity; r++) {
            rows[r] = layout.newBuffer();
        }
        this.errors = new PipelineException[capacity];
        this.featureSlots = model.features().stream().mapToInt(layout::numeric).toArray();
        this.classes = model.classes().size();
        this.width = Math.max(1, classes);
        this.features = new double[capacity * featureSlots.length];
        this.out = new double[capacity * width];
        this.values = new double[capacity];
    }

    /** How many rows a block holds. */
    public int capacity() {
        return rows.length;
    }

    /** Starts row {@code r} of the next block: every input missing, no error. */
    public void clear(int r) {
        rows[r].clear();
        errors[r] = null;
    }

    /**
     * Sets input {@code field} (the pipeline's input schema order) of row {@code r} to {@code value}, converted as
     * {@link Scorer#score(java.util.Map)} converts a map's value. A bad value marks the row failed.
     */
    public void set(int r, int field, Object value) {
        if (errors[r] != null) return;
        try {
            plan.set(rows[r], field, value);
        } catch (PipelineException e) {
            errors[r] = e;
        }
    }

    /** Input {@code field} is not in row {@code r}'s data at all, as a key absent from a map. */
    public void absent(int r, int field) {
        if (errors[r] != null) return;
        try {
            plan.absent(field);
        } catch (PipelineException e) {
            errors[r] = e;
        }
    }

    /**
     * Sets numeric input {@code field} of row {@code r} to {@code value} (NaN: missing), as a map's number would:
     * the fast way for numbers already at hand. A bad value marks the row failed.
     */
    public void setNumber(int r, int field, double value) {
        if (errors[r] != null) return;
        try {
            plan.setNumber(rows[r], field, value);
        } catch (PipelineException e) {
            errors[r] = e;
        }
    }

    /** Sets string input {@code field} of row {@code r} to {@code value} (null: missing), exactly as given. */
    public void setText(int r, int field, String value) {
        if (errors[r] != null) return;
        try {
            plan.setText(rows[r], field, value);
        } catch (PipelineException e) {
            errors[r] = e;
        }
    }

    /** Scores rows 0 to {@code n - 1}, loaded since their {@link #clear}. */
    public void run(int n) {
        int nf = featureSlots.length;
        for (int r = 0; r < n; r++) {
            RowBuffer row = rows[r];
            if (errors[r] == null) {
                try {
                    plan.runStages(row);
                } catch (PipelineException e) {
                    errors[r] = e;
                }
            }
            if (errors[r] != null) {
                // scored with the others and ignored: cheaper than closing the gap
                Arrays.fill(features, r * nf, (r + 1) * nf, Double.NaN);
                continue;
            }
            double[] num = row.num;
            for (int j = 0; j < nf; j++) {
                features[r * nf + j] = num[featureSlots[j]];
            }
        }
        model.predict(features, nf, n, out);
        for (int r = 0; r < n; r++) {
            int at = r * width;
            if (classes == 0) {
                values[r] = out[at];
                continue;
            }
            // the first most probable class, as FittedModel's row transform picks it
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (out[at + c] > out[at + best]) best = c;
            }
            values[r] = best;
        }
    }

    /** Why row {@code r} of the last block could not be scored, or null when it was. */
    public PipelineException error(int r) {
        return errors[r];
    }

    /** Row {@code r}'s prediction: the value for regression, the class index for classification. */
    public double value(int r) {
        return values[r];
    }

    /** Row {@code r}'s probability of class {@code k} (classification only). */
    public double probability(int r, int k) {
        return out[r * width + k];
    }
}
