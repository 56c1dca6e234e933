package org.bighead.pipeline.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains an {@link MlpSpec} with DJL on the PyTorch engine and returns DJL's parameter file plus a
 * plain-Java {@link MlpForward}.
 *
 * <p>Inputs must already be numeric and scaled (a pipeline stage standardizes them); missing values
 * are refused rather than silently propagated as NaN through every weight.
 *
 * <p>Runs are deterministic for a given seed as far as PyTorch on CPU allows: the engine's seed
 * fixes the weight initialization, a seeded {@link Random} fixes the batch order, and PyTorch is
 * asked for one intra-op thread (see {@link #NUM_THREADS_PROPERTY}) so reductions always sum in
 * the same order. The engine seed is process-global, so two trainings running concurrently may
 * interleave their initializations.
 */
public final class MlpTrainer {

    static final String ENGINE = "PyTorch";

    /**
     * DJL's property for PyTorch's intra-op threads. Set to 1 before the engine starts unless the
     * caller chose a value: tabular MLPs are too small to gain from threads, and one thread keeps
     * float sums in a fixed order.
     */
    static final String NUM_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private MlpTrainer() {}

    /** Trains a regression MLP on rows {@code x} and targets {@code y}; listener may be null. */
    public static MlpResult train(MlpSpec spec, float[][] x, float[] y, EpochListener listener) {
        requireTask(spec, MlpSpec.Task.REGRESSION);
        checkRows(x, y.length);
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "target of row " + i + " is " + y[i] + "; drop or impute such rows first");
            }
        }
        checkFeatures(spec, x);
        return run(spec, x, new Labels.Regression(y), listener);
    }

    /** Trains a classifier on rows {@code x} and class indices {@code y}; listener may be null. */
    public static MlpResult train(MlpSpec spec, float[][] x, int[] y, EpochListener listener) {
        requireTask(spec, MlpSpec.Task.CLASSIFICATION);
        checkRows(x, y.length);
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= spec.outputSize()) {
                throw new IllegalArgumentException(
                        "class of row " + i + " is " + y[i] + ", expected 0.." + (spec.outputSize() - 1));
            }
        }
        checkFeatures(spec, x);
        return run(spec, x, new Labels.Classes(y), listener);
    }

    /**
     * The DJL block for a spec: Linear, activation, ..., Linear (logits or the value); load a
     * bundle's parameters into it with {@code loadParameters} to fine-tune.
     */
    public static Block buildBlock(MlpSpec spec) {
        SequentialBlock block = new SequentialBlock();
        for (int units : spec.hidden()) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(activationBlock(spec.activation()));
        }
        // No softmax in the block: the loss takes logits, MlpForward applies softmax itself.
        block.add(Linear.builder().setUnits(spec.outputSize()).build());
        return block;
    }

    /**
     * The PyTorch engine, started on first use with one intra-op thread unless the property says
     * otherwise (the setting cannot change once the engine runs), and offline.
     */
    public static Engine engine() {
        if (System.getProperty(NUM_THREADS_PROPERTY) == null) {
            System.setProperty(NUM_THREADS_PROPERTY, "1");
        }
        // the natives come from the pytorch-native-cpu jar: never let DJL reach for the network, wherever we run
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(ENGINE);
    }

    private static Block activationBlock(MlpSpec.Activation activation) {
        return switch (activation) {
            case RELU -> Activation.reluBlock();
            case TANH -> Activation.tanhBlock();
            case SIGMOID -> Activation.sigmoidBlock();
        };
    }

    private static MlpResult run(MlpSpec spec, float[][] x, Labels labels, EpochListener listener) {
        EpochListener onEpoch = listener == null ? EpochListener.NONE : listener;
        Engine engine = engine();
        // Engine seeds are ints; fold the long so both halves of the seed matter.
        engine.setRandomSeed((int) (spec.seed() ^ (spec.seed() >>> 32)));
        Random shuffler = new Random(spec.seed());

        Loss loss = spec.task() == MlpSpec.Task.REGRESSION
                ? Loss.l2Loss("mse", 1f) // weight 1: plain MSE, not DJL's default 1/2 * MSE
                : Loss.softmaxCrossEntropyLoss(); // sparse labels, applies log-softmax to logits
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder()
                        .optLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
                        .build())
                .optDevices(new Device[] {Device.cpu()});

        Block block = buildBlock(spec);
        try (Model model = Model.newInstance("mlp", Device.cpu(), ENGINE)) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(spec.batchSize(), spec.inputSize()));
                int[] order = identity(x.length);
                for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                    FitInterruptedException.throwIfInterrupted("MLP training", epoch - 1, spec.epochs(), "epochs");
                    shuffle(order, shuffler);
                    double meanLoss = runEpoch(trainer, spec, x, labels, order);
                    if (!onEpoch.onEpoch(epoch, spec.epochs(), meanLoss)) {
                        break;
                    }
                }
            }
            byte[] parameters = saveParameters(block);
            return new MlpResult(spec, parameters, extractForward(spec, block));
        }
    }

    // One pass over the shuffled rows; returns the row-weighted mean loss.
    private static double runEpoch(Trainer trainer, MlpSpec spec, float[][] x, Labels labels, int[] order) {
        int n = order.length;
        int d = spec.inputSize();
        double lossSum = 0;
        for (int start = 0; start < n; start += spec.batchSize()) {
            int m = Math.min(spec.batchSize(), n - start);
            float[] batch = new float[m * d];
            for (int r = 0; r < m; r++) {
                System.arraycopy(x[order[start + r]], 0, batch, r * d, d);
            }
            // Everything created for this batch (inputs, activations, loss) dies with the scope;
            // parameters, gradients and optimizer state live in the model's manager.
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray input = scope.create(batch, new Shape(m, d));
                NDArray target = labels.batch(scope, order, start, m);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(input)).singletonOrThrow();
                    NDArray batchLoss = trainer.getLoss().evaluate(new NDList(target), new NDList(prediction));
                    collector.backward(batchLoss);
                    lossSum += batchLoss.getFloat() * m;
                }
                trainer.step();
            }
        }
        return lossSum / n;
    }

    private static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize DJL parameters", e);
        }
        return bytes.toByteArray();
    }

    // Reads the trained arrays straight from the block (independently of the saved file, so the
    // tests can check one against the other).
    private static MlpForward extractForward(MlpSpec spec, Block block) {
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            if (child instanceof Linear) {
                weights.add(child.getParameters().get("weight").getArray().toFloatArray());
                biases.add(child.getParameters().get("bias").getArray().toFloatArray());
            }
        }
        return new MlpForward(spec, weights.toArray(new float[0][]), biases.toArray(new float[0][]));
    }

    private static void requireTask(MlpSpec spec, MlpSpec.Task expected) {
        if (spec.task() != expected) {
            throw new IllegalArgumentException(
                    "spec is for " + spec.task() + " but the labels given are for " + expected);
        }
    }

    private static void checkRows(float[][] x, int labelCount) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        if (x.length != labelCount) {
            throw new IllegalArgumentException(x.length + " rows but " + labelCount + " labels");
        }
    }

    // Names the lowest-numbered bad feature, which is what a user fixes first.
    private static void checkFeatures(MlpSpec spec, float[][] x) {
        int d = spec.inputSize();
        int missing = Integer.MAX_VALUE;
        int infinite = Integer.MAX_VALUE;
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i];
            if (row.length != d) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " features, the spec says " + d);
            }
            for (int j = 0; j < Math.min(d, Math.min(missing, infinite)); j++) {
                if (Float.isNaN(row[j])) {
                    missing = j;
                } else if (Float.isInfinite(row[j])) {
                    infinite = j;
                }
            }
        }
        if (missing < infinite) {
            throw new IllegalArgumentException("feature " + missing + " has missing values; add an Impute stage");
        }
        if (infinite != Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "feature " + infinite + " has infinite values; clip or transform it before training");
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    // Fisher-Yates with the run's own Random, so the batch order depends only on the seed.
    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Training targets, turned into one NDArray per batch. */
    private sealed interface Labels {

        NDArray batch(NDManager scope, int[] order, int start, int m);

        record Regression(float[] y) implements Labels {
            @Override
            public NDArray batch(NDManager scope, int[] order, int start, int m) {
                float[] b = new float[m];
                for (int r = 0; r < m; r++) {
                    b[r] = y[order[start + r]];
                }
                // (m, 1) like the prediction: an (m) label would broadcast to (m, m)
                return scope.create(b, new Shape(m, 1));
            }
        }

        record Classes(int[] y) implements Labels {
            @Override
            public NDArray batch(NDManager scope, int[] order, int start, int m) {
                long[] b = new long[m];
                for (int r = 0; r < m; r++) {
                    b[r] = y[order[start + r]];
                }
                // int64 class indices: what PyTorch's gather (DJL's pick) wants
                return scope.create(b, new Shape(m, 1));
            }
        }
    }
}
