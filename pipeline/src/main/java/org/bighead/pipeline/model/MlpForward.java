package org.bighead.pipeline.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Forward pass of a trained MLP in plain Java: no engine, no native code, no allocation per row.
 *
 * <p>Weights are kept as float and every layer is computed in float, like PyTorch on CPU, so the
 * output matches DJL's own prediction up to summation order. Layer {@code l} holds its weight
 * row-major as {@code [out][in]} (DJL's {@code Linear} layout, {@code y = x W^T + b}); a dot
 * product per output measured faster here than a transposed, axpy-style layout.
 *
 * <p>An instance is <b>not thread-safe</b>: it owns scratch buffers reused by every call. Give
 * each thread its own {@link #copy()}, which shares the (read-only) weights.
 *
 * <p>No input checks per row beyond the length: a NaN feature gives NaN outputs, as in DJL (the
 * trainer refuses missing values, so serving pipelines impute before this stage too).
 */
public final class MlpForward {

    private final MlpSpec.Task task;
    private final MlpSpec.Activation activation;
    private final int[] sizes;
    private final float[][] weights; // per layer, row-major [out][in]
    private final float[][] biases;
    // Two scratch buffers of the widest layer, swapped layer by layer (ping-pong).
    private final float[] scratchA;
    private final float[] scratchB;

    /**
     * Builds a forward pass from per-layer row-major weights {@code [out][in]} and biases; the
     * arrays are copied.
     */
    public MlpForward(MlpSpec spec, float[][] weights, float[][] biases) {
        this(
                spec.task(),
                spec.activation(),
                spec.layerSizes(),
                copyAll("weight", spec.layerSizes(), weights, true),
                copyAll("bias", spec.layerSizes(), biases, false));
    }

    // Takes ownership of the arrays, already checked against sizes by the caller.
    private MlpForward(
            MlpSpec.Task task, MlpSpec.Activation activation, int[] sizes, float[][] weights, float[][] biases) {
        this.task = task;
        this.activation = activation;
        this.sizes = sizes;
        this.weights = weights;
        this.biases = biases;
        int width = Arrays.stream(sizes).max().orElseThrow();
        this.scratchA = new float[width];
        this.scratchB = new float[width];
    }

    /**
     * Reconstructs the forward pass from DJL's parameter file without starting any engine (the
     * layout is described on the nested {@code DjlParameterReader}).
     */
    public static MlpForward fromDjlParameters(MlpSpec spec, byte[] djlParameters) {
        DjlParameterReader.Layers layers = DjlParameterReader.read(spec, djlParameters);
        return new MlpForward(spec, layers.weights(), layers.biases());
    }

    /** Number of input features. */
    public int inputSize() {
        return sizes[0];
    }

    /** Number of outputs: 1 for regression, the number of classes for classification. */
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** Number of linear layers (hidden layers + output layer). */
    public int numLayers() {
        return weights.length;
    }

    /** A copy of layer {@code l}'s weight, row-major {@code [out][in]} as DJL stores it. */
    public float[] weight(int l) {
        return weights[l].clone();
    }

    /** A copy of layer {@code l}'s bias. */
    public float[] bias(int l) {
        return biases[l].clone();
    }

    /** A forward pass sharing this one's weights but with its own scratch, for another thread. */
    public MlpForward copy() {
        return new MlpForward(task, activation, sizes, weights, biases);
    }

    /**
     * Writes class probabilities (classification) or the value in {@code out[0]} (regression) for
     * one row; allocates nothing.
     */
    public void forward(double[] features, double[] out) {
        if (features.length != sizes[0]) {
            throw new IllegalArgumentException("expected " + sizes[0] + " features, got " + features.length);
        }
        if (out.length < outputSize()) {
            throw new IllegalArgumentException("output array needs " + outputSize() + " slots, has " + out.length);
        }
        float[] in = scratchA;
        float[] next = scratchB;
        for (int i = 0; i < sizes[0]; i++) {
            in[i] = (float) features[i];
        }
        int last = weights.length - 1;
        for (int l = 0; l <= last; l++) {
            dense(weights[l], biases[l], in, sizes[l], next, sizes[l + 1]);
            if (l < last) {
                activate(next, sizes[l + 1]);
            }
            float[] t = in;
            in = next;
            next = t;
        }
        int k = outputSize();
        if (task == MlpSpec.Task.CLASSIFICATION) {
            softmax(in, k, out);
        } else {
            for (int o = 0; o < k; o++) {
                out[o] = in[o];
            }
        }
    }

    // y = W x + b with W row-major [nOut][nIn]. The dot product is summed first and the bias added
    // last, as PyTorch's addmm does (x W^T + bias).
    private static void dense(float[] w, float[] b, float[] x, int nIn, float[] y, int nOut) {
        for (int o = 0, row = 0; o < nOut; o++, row += nIn) {
            float s = 0f;
            for (int i = 0; i < nIn; i++) {
                s += w[row + i] * x[i];
            }
            y[o] = s + b[o];
        }
    }

    private void activate(float[] v, int n) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    // max(0, x) but keeps NaN as NaN, like torch.relu
                    v[i] = v[i] < 0f ? 0f : v[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (1.0 / (1.0 + Math.exp(-v[i])));
                }
            }
            default -> throw new IllegalStateException("unknown activation " + activation);
        }
    }

    // Softmax over logits, shifted by the max so exp never overflows.
    private static void softmax(float[] logits, int k, double[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, logits[i]);
        }
        float sum = 0f;
        for (int i = 0; i < k; i++) {
            float e = (float) Math.exp(logits[i] - max);
            logits[i] = e;
            sum += e;
        }
        for (int i = 0; i < k; i++) {
            out[i] = logits[i] / sum;
        }
    }

    // Copies per-layer arrays after checking there is one per layer, each of the right length.
    private static float[][] copyAll(String what, int[] sizes, float[][] layers, boolean weight) {
        if (layers.length != sizes.length - 1) {
            throw new IllegalArgumentException(
                    "expected " + (sizes.length - 1) + " layers of " + what + "s, got " + layers.length);
        }
        float[][] copy = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int expected = weight ? sizes[l + 1] * sizes[l] : sizes[l + 1];
            checkLength(what, l, layers[l], expected);
            copy[l] = layers[l].clone();
        }
        return copy;
    }

    private static void checkLength(String what, int layer, float[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(
                    what + " of layer " + layer + " has " + a.length + " values, expected " + expected);
        }
    }

    /**
     * Reads the weights of an MLP from the parameter file DJL 0.36 writes with {@code
     * SequentialBlock.saveParameters(DataOutputStream)}, without touching any engine.
     *
     * <p>Everything is big-endian ({@code DataOutputStream}) except the tensor data, whose byte
     * order is recorded in the file. Strings are {@code writeUTF}: a u16 length, then modified
     * UTF-8.
     *
     * <pre>
     * SequentialBlock  u8 version (3) | inputShapes | bool returnIntermediate (v3 only) | children
     * Linear           u8 version (4) | i64 units | i64 inputFeatures | Shape inputShape
     *                  | Parameter "weight" [units, inputFeatures] | Parameter "bias" [units]
     * LambdaBlock      u8 version (2) | inputShapes      (the activation: no parameters)
     * inputShapes      i32 count | Shape * count
     * Shape            i32 ndim | i64 * ndim | i32 nlayout | u16 char * nlayout
     * Parameter        u16 char 'P' ('N' = never initialized) | u8 version (1) | UTF name | NDArray
     * NDArray          UTF "NDAR" | i32 version (1..3) | [v2+: u8 hasName | UTF name if 1]
     *                  | UTF sparse format ("DENSE") | UTF data type ("FLOAT32") | Shape
     *                  | [v3+: u8 byte order, '&gt;' big-endian else little; before v3: native]
     *                  | i32 byteLength | byteLength bytes, row-major
     * </pre>
     *
     * The children of the SequentialBlock for a spec with hidden sizes h1..hk are Linear, Lambda,
     * Linear, Lambda, ..., Linear (k + 1 Linear blocks).
     */
    private static final class DjlParameterReader {

        static final int SEQUENTIAL_VERSION = 3;
        static final int LINEAR_VERSION = 4;
        static final int LAMBDA_VERSION = 2;
        static final int PARAMETER_VERSION = 1;

        /** Weights (row-major [out][in]) and biases, one entry per Linear block. */
        record Layers(float[][] weights, float[][] biases) {}

        private final DataInputStream in;

        private DjlParameterReader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        /** Parses the parameter file of the block {@link MlpTrainer#buildBlock} makes for spec. */
        static Layers read(MlpSpec spec, byte[] bytes) {
            try {
                return new DjlParameterReader(bytes).readMlp(spec.layerSizes());
            } catch (EOFException e) {
                throw new IllegalArgumentException(
                        "DJL parameter file is truncated: it holds fewer layers than the spec", e);
            } catch (UTFDataFormatException e) {
                throw new IllegalArgumentException("DJL parameter file has a malformed string", e);
            } catch (IOException e) {
                // A ByteArrayInputStream never fails on its own; keep the cause anyway.
                throw new IllegalArgumentException("cannot read DJL parameter file", e);
            }
        }

        private Layers readMlp(int[] sizes) throws IOException {
            int nLayers = sizes.length - 1;
            int seqVersion = in.readUnsignedByte();
            if (seqVersion != SEQUENTIAL_VERSION && seqVersion != 2) {
                throw unsupported("SequentialBlock encoding version " + seqVersion);
            }
            skipInputShapes();
            if (seqVersion == SEQUENTIAL_VERSION) {
                in.readBoolean(); // returnIntermediate: irrelevant to the weights
            }
            float[][] weights = new float[nLayers][];
            float[][] biases = new float[nLayers][];
            for (int l = 0; l < nLayers; l++) {
                int nIn = sizes[l];
                int nOut = sizes[l + 1];
                readLinearHeader(l, nIn, nOut);
                weights[l] = readParameter(l, "weight", new long[] {nOut, nIn});
                biases[l] = readParameter(l, "bias", new long[] {nOut});
                if (l < nLayers - 1) {
                    readActivation(l);
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("DJL parameter file has " + in.available()
                        + " bytes after the last layer: it holds more blocks than the spec");
            }
            return new Layers(weights, biases);
        }

        private void readLinearHeader(int layer, int nIn, int nOut) throws IOException {
            int version = in.readUnsignedByte();
            if (version != LINEAR_VERSION) {
                throw unsupported("block " + layer + ": expected a Linear block (version " + LINEAR_VERSION
                        + "), found encoding version " + version);
            }
            long units = in.readLong();
            long inputFeatures = in.readLong();
            if (units != nOut || inputFeatures != nIn) {
                throw new IllegalArgumentException("layer " + layer + " is " + inputFeatures
                        + " -> " + units + " in the DJL parameter file but " + nIn + " -> " + nOut
                        + " in the spec");
            }
            readShape(); // the input shape the block was initialized with
        }

        private void readActivation(int afterLayer) throws IOException {
            int version = in.readUnsignedByte();
            if (version == LAMBDA_VERSION) {
                skipInputShapes();
            } else if (version != 1) {
                throw unsupported("activation after layer " + afterLayer
                        + ": expected a LambdaBlock (version " + LAMBDA_VERSION
                        + "), found encoding version " + version);
            }
        }

        private float[] readParameter(int layer, String name, long[] expectedShape) throws IOException {
            char magic = in.readChar();
            if (magic == 'N') {
                throw new IllegalArgumentException(
                        "parameter " + name + " of layer " + layer + " was never initialized");
            }
            if (magic != 'P') {
                throw new IllegalArgumentException("expected parameter " + name + " of layer " + layer
                        + ", found marker 0x" + Integer.toHexString(magic));
            }
            int version = in.readUnsignedByte();
            if (version != PARAMETER_VERSION) {
                throw unsupported("parameter encoding version " + version);
            }
            String stored = in.readUTF();
            if (!stored.equals(name)) {
                throw new IllegalArgumentException(
                        "layer " + layer + ": expected parameter " + name + ", found " + stored);
            }
            return readFloatArray(layer + "/" + name, expectedShape);
        }

        // NDArray as written by NDArray.encode() (DJL's NDSerializer).
        private float[] readFloatArray(String what, long[] expectedShape) throws IOException {
            String magic = in.readUTF();
            if (!"NDAR".equals(magic)) {
                throw new IllegalArgumentException(what + ": not an NDArray (magic '" + magic + "')");
            }
            int version = in.readInt();
            if (version < 1 || version > 3) {
                throw unsupported(what + ": NDArray encoding version " + version);
            }
            if (version > 1 && in.readByte() == 1) {
                in.readUTF(); // array name
            }
            String sparse = in.readUTF();
            if (!"DENSE".equals(sparse)) {
                throw unsupported(what + ": sparse format " + sparse + " (only DENSE is read)");
            }
            String dataType = in.readUTF();
            if (!"FLOAT32".equals(dataType)) {
                throw unsupported(what + ": data type " + dataType + " (only FLOAT32 is read)");
            }
            long[] shape = readShape();
            if (!Arrays.equals(shape, expectedShape)) {
                throw new IllegalArgumentException(what + " has shape "
                        + Arrays.toString(shape) + ", the spec expects "
                        + Arrays.toString(expectedShape));
            }
            ByteOrder order = ByteOrder.nativeOrder();
            if (version > 2) {
                order = in.readByte() == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            int length = in.readInt();
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            if (length != count * Float.BYTES) {
                throw new IllegalArgumentException(
                        what + " holds " + length + " bytes, expected " + count * Float.BYTES);
            }
            byte[] raw = new byte[length];
            in.readFully(raw);
            float[] values = new float[(int) count];
            ByteBuffer.wrap(raw).order(order).asFloatBuffer().get(values);
            return values;
        }

        private void skipInputShapes() throws IOException {
            int count = in.readInt();
            if (count < 0 || count > 1024) {
                throw new IllegalArgumentException("implausible input shape count " + count);
            }
            for (int i = 0; i < count; i++) {
                readShape();
            }
        }

        private long[] readShape() throws IOException {
            int ndim = in.readInt();
            if (ndim < 0 || ndim > 64) {
                throw new IllegalArgumentException("implausible shape rank " + ndim);
            }
            long[] dims = new long[ndim];
            for (int i = 0; i < ndim; i++) {
                dims[i] = in.readLong();
            }
            int nLayout = in.readInt();
            if (nLayout < 0 || nLayout > 64) {
                throw new IllegalArgumentException("implausible shape layout length " + nLayout);
            }
            for (int i = 0; i < nLayout; i++) {
                in.readChar();
            }
            return dims;
        }

        private static IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("unsupported DJL parameter file: " + what
                    + "; this reader knows the float32 dense MLP written by DJL 0.36");
        }
    }
}
