package org.bighead.pipeline.model;

import java.util.List;

/**
 * Architecture and training settings of a multilayer perceptron for tabular data.
 *
 * <p>A plain record so Jackson (2.12+) serializes it as is: it travels in the model bundle next to
 * the DJL parameter file, which does not say which activation sits between the layers. Missing
 * (null or zero) fields of a deserialized spec fall back to the defaults, so an older bundle stays
 * readable when a field is added.
 *
 * @param task regression (one output) or classification (one logit per class)
 * @param inputSize number of input features
 * @param outputSize 1 for regression, the number of classes for classification
 * @param hidden sizes of the hidden layers, input side first (default [64, 32])
 * @param activation activation after every hidden layer (default relu)
 * @param epochs passes over the training data (default 20)
 * @param batchSize rows per optimizer step (default 256)
 * @param learningRate Adam's learning rate (default 1e-3)
 * @param seed seed for weight initialization and shuffling
 */
public record MlpSpec(
        Task task,
        int inputSize,
        int outputSize,
        List<Integer> hidden,
        Activation activation,
        int epochs,
        int batchSize,
        double learningRate,
        long seed) {

    public static final List<Integer> DEFAULT_HIDDEN = List.of(64, 32);
    public static final int DEFAULT_EPOCHS = 20;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final long DEFAULT_SEED = 42L;

    /** What the network predicts, which fixes its output layer and loss. */
    public enum Task {
        /** One output, mean squared error. */
        REGRESSION,
        /** One logit per class, softmax cross-entropy; predictions are probabilities. */
        CLASSIFICATION
    }

    /** Activation applied after each hidden layer. */
    public enum Activation {
        RELU,
        TANH,
        SIGMOID
    }

    /** Validates the spec and fills defaults for fields a deserialized spec may lack. */
    public MlpSpec {
        if (task == null) {
            throw new IllegalArgumentException("task is required");
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
        }
        if (task == Task.REGRESSION && outputSize != 1) {
            throw new IllegalArgumentException("regression has exactly 1 output, got " + outputSize);
        }
        if (task == Task.CLASSIFICATION && outputSize < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + outputSize);
        }
        hidden = hidden == null ? DEFAULT_HIDDEN : List.copyOf(hidden);
        for (int size : hidden) {
            if (size < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + hidden);
            }
        }
        activation = activation == null ? Activation.RELU : activation;
        epochs = epochs == 0 ? DEFAULT_EPOCHS : epochs;
        batchSize = batchSize == 0 ? DEFAULT_BATCH_SIZE : batchSize;
        learningRate = learningRate == 0 ? DEFAULT_LEARNING_RATE : learningRate;
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batchSize and learningRate must be positive: " + epochs + ", "
                    + batchSize + ", " + learningRate);
        }
    }

    /** A regression spec with default architecture and training settings. */
    public static MlpSpec regression(int inputSize) {
        return new MlpSpec(Task.REGRESSION, inputSize, 1, null, null, 0, 0, 0, DEFAULT_SEED);
    }

    /** A classification spec for {@code numClasses} classes with default settings. */
    public static MlpSpec classification(int inputSize, int numClasses) {
        return new MlpSpec(Task.CLASSIFICATION, inputSize, numClasses, null, null, 0, 0, 0, DEFAULT_SEED);
    }

    /** This spec with other hidden layer sizes. */
    public MlpSpec withHidden(List<Integer> sizes) {
        return new MlpSpec(task, inputSize, outputSize, sizes, activation, epochs, batchSize, learningRate, seed);
    }

    /** This spec with another activation. */
    public MlpSpec withActivation(Activation a) {
        return new MlpSpec(task, inputSize, outputSize, hidden, a, epochs, batchSize, learningRate, seed);
    }

    /** This spec with another number of epochs. */
    public MlpSpec withEpochs(int n) {
        return new MlpSpec(task, inputSize, outputSize, hidden, activation, n, batchSize, learningRate, seed);
    }

    /** This spec with another batch size. */
    public MlpSpec withBatchSize(int n) {
        return new MlpSpec(task, inputSize, outputSize, hidden, activation, epochs, n, learningRate, seed);
    }

    /** This spec with another learning rate. */
    public MlpSpec withLearningRate(double lr) {
        return new MlpSpec(task, inputSize, outputSize, hidden, activation, epochs, batchSize, lr, seed);
    }

    /** This spec with another seed. */
    public MlpSpec withSeed(long s) {
        return new MlpSpec(task, inputSize, outputSize, hidden, activation, epochs, batchSize, learningRate, s);
    }

    /** Layer widths from input to output, e.g. [inputSize, 64, 32, outputSize]. */
    public int[] layerSizes() {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = inputSize;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = outputSize;
        return sizes;
    }
}
