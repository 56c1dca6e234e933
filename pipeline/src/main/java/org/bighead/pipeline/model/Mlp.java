package org.bighead.pipeline.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.Model;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.StepPlan;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.TrainingSet;

/**
 * A multilayer perceptron trained with DJL on PyTorch: {@code Mlp.regressor().hidden(64, 32).epochs(20)}.
 * Inputs are standardized inside the model (statistics saved with it); missing values must be imputed first.
 * Scoring runs in plain Java from the learned weights, so serving needs no PyTorch.
 */
public final class Mlp implements Model {
    private final Task task;
    private final List<Integer> hidden;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    private Mlp(Task task, List<Integer> hidden, int epochs, int batchSize, double learningRate, long seed) {
        this.task = task;
        this.hidden = hidden;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** A regressor with hidden layers [64, 32], 20 epochs. */
    public static Mlp regressor() {
        return new Mlp(
                Task.REGRESSION,
                MlpSpec.DEFAULT_HIDDEN,
                MlpSpec.DEFAULT_EPOCHS,
                MlpSpec.DEFAULT_BATCH_SIZE,
                MlpSpec.DEFAULT_LEARNING_RATE,
                MlpSpec.DEFAULT_SEED);
    }

    /** A softmax classifier with hidden layers [64, 32], 20 epochs. */
    public static Mlp classifier() {
        return new Mlp(
                Task.CLASSIFICATION,
                MlpSpec.DEFAULT_HIDDEN,
                MlpSpec.DEFAULT_EPOCHS,
                MlpSpec.DEFAULT_BATCH_SIZE,
                MlpSpec.DEFAULT_LEARNING_RATE,
                MlpSpec.DEFAULT_SEED);
    }

    /** Hidden layer sizes, input side first. */
    public Mlp hidden(int... sizes) {
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new PipelineException("hidden layer sizes must be ≥ 1, got " + Arrays.toString(sizes));
        }
        return new Mlp(task, Arrays.stream(sizes).boxed().toList(), epochs, batchSize, learningRate, seed);
    }

    /** Passes over the training data. */
    public Mlp epochs(int n) {
        if (n < 1) throw new PipelineException("epochs must be ≥ 1, got " + n);
        return new Mlp(task, hidden, n, batchSize, learningRate, seed);
    }

    /** Rows per optimizer step. */
    public Mlp batchSize(int n) {
        if (n < 1) throw new PipelineException("batch size must be ≥ 1, got " + n);
        return new Mlp(task, hidden, epochs, n, learningRate, seed);
    }

    /** Adam's learning rate. */
    public Mlp learningRate(double rate) {
        if (!(rate > 0)) throw new PipelineException("learning rate must be > 0, got " + rate);
        return new Mlp(task, hidden, epochs, batchSize, rate, seed);
    }

    /** Seed for initialization and shuffling. */
    public Mlp seed(long s) {
        return new Mlp(task, hidden, epochs, batchSize, learningRate, s);
    }

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public StepPlan plan() {
        return StepPlan.model((task == Task.REGRESSION ? "regressor" : "classifier") + " · hidden " + hidden + " · "
                + epochs + " epochs · batch " + batchSize + " · learning rate " + learningRate);
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public FittedModel train(TrainingSet data) {
        int n = data.rows();
        int d = data.width();
        double[] mean = new double[d];
        double[] std = new double[d];
        float[][] x = new float[n][d];
        for (int j = 0; j < d; j++) {
            double[] column = data.columns()[j];
            double s = 0;
            for (double v : column) {
                if (Double.isNaN(v)) {
                    throw new PipelineException("feature '" + data.features().get(j) + "' has missing values; an"
                            + " MLP needs them filled: add Impute.median(\""
                            + data.features().get(j) + "\")");
                }
                s += v;
            }
            mean[j] = s / n;
            double q = 0;
            for (double v : column) q += (v - mean[j]) * (v - mean[j]);
            std[j] = Math.sqrt(q / n);
            if (std[j] == 0) std[j] = 1;
            for (int i = 0; i < n; i++) x[i][j] = (float) ((column[i] - mean[j]) / std[j]);
        }
        MlpSpec spec = new MlpSpec(
                task == Task.REGRESSION ? MlpSpec.Task.REGRESSION : MlpSpec.Task.CLASSIFICATION,
                d,
                task == Task.REGRESSION ? 1 : data.classes().size(),
                hidden,
                MlpSpec.Activation.RELU,
                epochs,
                batchSize,
                learningRate,
                seed);
        EpochListener listener =
                (epoch, total, loss) -> data.listener().onStep(epoch, total, Map.of("train-loss", loss));
        MlpResult result;
        if (task == Task.REGRESSION) {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) y[i] = (float) data.target()[i];
            result = MlpTrainer.train(spec, x, y, listener);
        } else {
            result = MlpTrainer.train(spec, x, data.labels(), listener);
        }
        return new MlpModel(
                new MlpModel.Params(task, data.features(), data.classes(), spec, mean, std),
                result.djlParameters(),
                result.forward());
    }
}
