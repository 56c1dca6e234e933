package org.bighead.pipeline.model;

import java.util.Map;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.Model;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.StepPlan;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.TrainingSet;

/**
 * Plain-Java linear models: {@code Linear.regressor()} (ridge least squares, solved exactly) and
 * {@code Linear.logistic()} (softmax regression for two or more classes, by gradient descent on internally
 * standardized features). Features must not be missing: impute them first.
 */
public final class Linear implements Model {
    private final Task task;
    private final double l2;
    private final int iterations;
    private final double learningRate;

    private Linear(Task task, double l2, int iterations, double learningRate) {
        this.task = task;
        this.l2 = l2;
        this.iterations = iterations;
        this.learningRate = learningRate;
    }

    /** Least squares with a small ridge penalty. */
    public static Linear regressor() {
        return new Linear(Task.REGRESSION, 1e-6, 0, 0);
    }

    /** Logistic (softmax) regression. */
    public static Linear logistic() {
        return new Linear(Task.CLASSIFICATION, 1e-4, 300, 0.5);
    }

    /** L2 penalty strength. */
    public Linear l2(double strength) {
        if (strength < 0) {
            throw new PipelineException("l2 must be ≥ 0, got " + strength);
        }
        return new Linear(task, strength, iterations, learningRate);
    }

    /** Gradient steps (logistic only). */
    public Linear iterations(int n) {
        if (n < 1) {
            throw new PipelineException("iterations must be ≥ 1, got " + n);
        }
        return new Linear(task, l2, n, learningRate);
    }

    @Override
    public String name() {
        return task == Task.REGRESSION ? "linear" : "logistic";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.model(
                task == Task.REGRESSION
                        ? "least squares · l2 " + l2
                        : "logistic · " + iterations + " iterations · l2 " + l2);
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public FittedModel train(TrainingSet data) {
        for (int j = 0; j < data.width(); j++) {
            for (double v : data.columns()[j]) {
                if (Double.isNaN(v)) {
                    throw new PipelineException("feature '" + data.features().get(j) + "' has missing values;"
                            + " a linear model needs them filled: add Impute.median(\""
                            + data.features().get(j)
                            + "\") (or another Impute) before it");
                }
            }
        }
        return task == Task.REGRESSION ? ridge(data) : softmax(data);
    }

    private LinearModel ridge(TrainingSet data) {
        int n = data.rows();
        int d = data.width();
        int m = d + 1; // last coefficient is the intercept
        double[][] a = new double[m][m];
        double[] b = new double[m];
        double[] row = new double[m];
        double[][] x = data.columns();
        double[] y = data.target();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) row[j] = x[j][i];
            row[d] = 1;
            for (int p = 0; p < m; p++) {
                b[p] += row[p] * y[i];
                for (int q = 0; q <= p; q++) a[p][q] += row[p] * row[q];
            }
        }
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < p; q++) a[q][p] = a[p][q];
            if (p < d) a[p][p] += l2 * n + 1e-9;
        }
        double[] w = solve(a, b);
        data.listener().onStep(1, 1, Map.of());
        double[] coef = java.util.Arrays.copyOf(w, d);
        return new LinearModel(
                Task.REGRESSION, data.features(), data.classes(), new double[][] {coef}, new double[] {w[d]});
    }

    /** Gaussian elimination with partial pivoting; the system is small (features + 1). */
    static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            if (Math.abs(a[col][col]) < 1e-12) {
                continue; // a feature that is constant or a copy of another: its weight stays 0
            }
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                if (f == 0) continue;
                for (int c = col; c < m; c++) a[r][c] -= f * a[col][c];
                b[r] -= f * b[col];
            }
        }
        double[] w = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            if (Math.abs(a[r][r]) < 1e-12) continue;
            double s = b[r];
            for (int c = r + 1; c < m; c++) s -= a[r][c] * w[c];
            w[r] = s / a[r][r];
        }
        return w;
    }

    private LinearModel softmax(TrainingSet data) {
        int n = data.rows();
        int d = data.width();
        int k = data.classes().size();
        double[][] x = data.columns();
        int[] y = data.labels();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (double v : x[j]) s += v;
            mean[j] = s / n;
            double q = 0;
            for (double v : x[j]) q += (v - mean[j]) * (v - mean[j]);
            std[j] = Math.sqrt(q / n);
            if (std[j] == 0) std[j] = 1;
        }
        double[][] w = new double[k][d];
        double[] bias = new double[k];
        double[][] gw = new double[k][d];
        double[] gb = new double[k];
        double[] logits = new double[k];
        double[] z = new double[d];
        for (int step = 1; step <= iterations; step++) {
            for (double[] g : gw) java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(gb, 0);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) z[j] = (x[j][i] - mean[j]) / std[j];
                for (int c = 0; c < k; c++) {
                    double s = bias[c];
                    for (int j = 0; j < d; j++) s += w[c][j] * z[j];
                    logits[c] = s;
                }
                LinearModel.softmaxInPlace(logits);
                loss -= Math.log(Math.max(logits[y[i]], 1e-15));
                for (int c = 0; c < k; c++) {
                    double g = logits[c] - (y[i] == c ? 1 : 0);
                    gb[c] += g;
                    for (int j = 0; j < d; j++) gw[c][j] += g * z[j];
                }
            }
            for (int c = 0; c < k; c++) {
                bias[c] -= learningRate * gb[c] / n;
                for (int j = 0; j < d; j++) w[c][j] -= learningRate * (gw[c][j] / n + l2 * w[c][j]);
            }
            if (!data.listener().onStep(step, iterations, Map.of("train-logloss", loss / n))) {
                break;
            }
        }
        // fold the standardization into the weights so scoring takes raw features
        double[][] coef = new double[k][d];
        double[] intercept = new double[k];
        for (int c = 0; c < k; c++) {
            intercept[c] = bias[c];
            for (int j = 0; j < d; j++) {
                coef[c][j] = w[c][j] / std[j];
                intercept[c] -= w[c][j] * mean[j] / std[j];
            }
        }
        return new LinearModel(Task.CLASSIFICATION, data.features(), data.classes(), coef, intercept);
    }
}
