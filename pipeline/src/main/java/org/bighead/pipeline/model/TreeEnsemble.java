package org.bighead.pipeline.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A gradient-boosted tree ensemble read from XGBoost's JSON model format and evaluated in plain
 * Java, without creating a DMatrix per row.
 *
 * <p>Results match XGBoost's CPU predictor: features are rounded to float (a DMatrix stores
 * float32), NaN takes the node's default branch, {@code value < threshold} goes left, and the
 * margin is accumulated in float, tree by tree, starting from the base score.
 *
 * <p>Instances are immutable and {@link #predict} allocates nothing, so one instance can serve
 * many threads.
 */
public final class TreeEnsemble {

    // Objectives we can evaluate; anything else is refused rather than silently mis-transformed.
    private static final Set<String> OBJECTIVES =
            Set.of("reg:squarederror", "binary:logistic", "multi:softprob", "multi:softmax");

    // Node layout: four ints per node in `nodes`, one float per node in `values`. Trees are
    // stored back to back, each in breadth-first order so a node's children sit close to it.
    private static final int FEATURE = 0; // split feature (0 for leaves; read, then ignored)
    private static final int LEFT = 1; // child when value < threshold
    private static final int RIGHT = 2; // child otherwise; must equal LEFT + 1
    private static final int MISSING = 3; // child for NaN (the default direction); must be 3
    private static final int STRIDE = 4;
    // Trees evaluated side by side: their independent walks overlap in the CPU pipeline.
    private static final int BLOCK = 4;

    private final String objective;
    private final int numFeatures;
    private final int numClasses;
    private final float[] baseMargin; // one per output group
    private final int[] treeRoot; // index of each tree's root node
    private final int[] treeGroup; // output group (class) each tree adds to
    private final int[] treeDepth; // steps from root to the deepest leaf
    private final int[] blockDepth; // deepest tree in each full BLOCK of trees
    private final int[] nodes; // STRIDE ints per node; a leaf's children are itself
    private final float[] values; // split threshold, or leaf value for leaves
    private final float[] gains; // loss_changes, for importance only
    // The same trees laid out for walking a block of rows at a time; made on first use, as online scoring never
    // needs it. Two threads may both make it: they make equal ones, and the final fields publish either safely.
    private BlockWalker blocks;

    private TreeEnsemble(
            String objective,
            int numFeatures,
            int numClasses,
            float[] baseMargin,
            int[] treeRoot,
            int[] treeGroup,
            int[] treeDepth,
            int[] nodes,
            float[] values,
            float[] gains) {
        this.objective = objective;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.baseMargin = baseMargin;
        this.treeRoot = treeRoot;
        this.treeGroup = treeGroup;
        this.treeDepth = treeDepth;
        this.nodes = nodes;
        this.values = values;
        this.gains = gains;
        this.blockDepth = new int[treeRoot.length / BLOCK];
        for (int t = 0; t < blockDepth.length * BLOCK; t++) {
            blockDepth[t / BLOCK] = Math.max(blockDepth[t / BLOCK], treeDepth[t]);
        }
    }

    /** Parses a model saved by XGBoost as JSON ({@code Booster.toByteArray("json")}). */
    public static TreeEnsemble fromJson(byte[] xgboostJsonModel) {
        JsonNode root;
        try {
            // Exact decimals, so each number is rounded to float once, straight from its text, as
            // XGBoost's own loader does (text -> double -> float can, rarely, be one ulp off).
            root = new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(xgboostJsonModel);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
        JsonNode learner = required(root, "learner");
        JsonNode params = required(learner, "learner_model_param");

        String objective = required(required(learner, "objective"), "name").asText();
        if (!OBJECTIVES.contains(objective)) {
            throw new IllegalArgumentException("unsupported objective '" + objective + "'; supported: " + OBJECTIVES);
        }
        int numFeatures = Integer.parseInt(required(params, "num_feature").asText());
        int numClass = Integer.parseInt(required(params, "num_class").asText());
        int numTarget = Integer.parseInt(params.path("num_target").asText("1"));
        if (numTarget > 1) {
            throw new IllegalArgumentException("multi-target models are not supported");
        }
        boolean multi = objective.startsWith("multi:");
        if (multi && numClass < 2) {
            throw new IllegalArgumentException(objective + " needs num_class > 1, got " + numClass);
        }
        int numGroups = multi ? numClass : 1;

        JsonNode booster = required(learner, "gradient_booster");
        String boosterName = required(booster, "name").asText();
        if (!boosterName.equals("gbtree")) {
            throw new IllegalArgumentException("unsupported booster '" + boosterName + "'; only gbtree is supported");
        }
        JsonNode model = required(booster, "model");
        // XGBoost 3.x saves dart-trained models as gbtree plus per-tree dropout weights.
        for (JsonNode w : model.path("weight_drop")) {
            if (w.floatValue() != 1.0f) {
                throw new IllegalArgumentException("dart (weighted trees, weight_drop) is not supported");
            }
        }

        float[] baseMargin = baseMargin(required(params, "base_score").asText(), objective, numGroups);

        JsonNode trees = required(model, "trees");
        JsonNode treeInfo = required(model, "tree_info");
        int numTrees = trees.size();
        if (treeInfo.size() != numTrees) {
            throw new IllegalArgumentException(
                    "tree_info has " + treeInfo.size() + " entries for " + numTrees + " trees");
        }
        int totalNodes = 0;
        for (JsonNode tree : trees) {
            totalNodes += required(tree, "left_children").size();
        }

        int[] treeRoot = new int[numTrees];
        int[] treeGroup = new int[numTrees];
        int[] treeDepth = new int[numTrees];
        int[] nodes = new int[totalNodes * STRIDE];
        float[] values = new float[totalNodes];
        float[] gains = new float[totalNodes];
        int offset = 0;
        for (int t = 0; t < numTrees; t++) {
            JsonNode tree = trees.get(t);
            // Trees are stored in training order; "id" is their index, which tree_info refers to.
            if (tree.has("id") && tree.get("id").asInt() != t) {
                throw new IllegalArgumentException(
                        "tree " + t + " has id " + tree.get("id").asInt());
            }
            int group = treeInfo.get(t).asInt();
            if (group < 0 || group >= numGroups) {
                throw new IllegalArgumentException("tree " + t + " belongs to unknown class " + group);
            }
            treeRoot[t] = offset;
            treeGroup[t] = group;
            offset = flattenTree(tree, t, offset, numFeatures, nodes, values, gains, treeDepth);
        }
        // Pruned nodes were skipped, so the arrays may be a little longer than needed.
        return new TreeEnsemble(
                objective,
                numFeatures,
                numGroups,
                baseMargin,
                treeRoot,
                treeGroup,
                treeDepth,
                Arrays.copyOf(nodes, offset * STRIDE),
                Arrays.copyOf(values, offset),
                Arrays.copyOf(gains, offset));
    }

    private static final int BINARY_MAGIC = 0x42485445; // "BHTE"
    private static final int BINARY_VERSION = 1;

    /**
     * The flattened ensemble as compact bytes: what {@link #fromBinary} reads back in a few milliseconds, where
     * parsing the JSON model in a cold JVM takes a hundred or more. The JSON stays the source of truth.
     */
    public byte[] toBinary() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(BINARY_MAGIC);
            out.writeInt(BINARY_VERSION);
            out.writeUTF(objective);
            out.writeInt(numFeatures);
            out.writeInt(numClasses);
            writeFloats(out, baseMargin);
            writeInts(out, treeRoot);
            writeInts(out, treeGroup);
            writeInts(out, treeDepth);
            writeInts(out, nodes);
            writeFloats(out, values);
            writeFloats(out, gains);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBinary} output, checking every index so a damaged file cannot crash scoring. */
    public static TreeEnsemble fromBinary(byte[] binary) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(binary))) {
            if (in.readInt() != BINARY_MAGIC) {
                throw new IllegalArgumentException("not a Bighead tree file");
            }
            int version = in.readInt();
            if (version != BINARY_VERSION) {
                throw new IllegalArgumentException("tree file version " + version + " is not supported");
            }
            String objective = in.readUTF();
            if (!OBJECTIVES.contains(objective)) {
                throw new IllegalArgumentException("unsupported objective '" + objective + "'");
            }
            int numFeatures = in.readInt();
            int numClasses = in.readInt();
            float[] baseMargin = readFloats(in);
            int[] treeRoot = readInts(in);
            int[] treeGroup = readInts(in);
            int[] treeDepth = readInts(in);
            int[] nodes = readInts(in);
            float[] values = readFloats(in);
            float[] gains = readFloats(in);
            int total = values.length;
            boolean consistent = numFeatures >= 0
                    && numClasses >= 1
                    && baseMargin.length == numClasses
                    && treeGroup.length == treeRoot.length
                    && treeDepth.length == treeRoot.length
                    && nodes.length == total * STRIDE
                    && gains.length == total;
            for (int t = 0; consistent && t < treeRoot.length; t++) {
                consistent = treeRoot[t] >= 0
                        && treeRoot[t] < total
                        && treeGroup[t] >= 0
                        && treeGroup[t] < numClasses
                        && treeDepth[t] >= 0
                        && treeDepth[t] <= 256;
            }
            for (int i = 0; consistent && i < total; i++) {
                int f = nodes[i * STRIDE + FEATURE];
                consistent = f >= 0
                        && (f < numFeatures || f == 0)
                        && inRange(nodes[i * STRIDE + LEFT], total)
                        && inRange(nodes[i * STRIDE + RIGHT], total)
                        && inRange(nodes[i * STRIDE + MISSING], total);
            }
            if (!consistent || in.available() > 0) {
                throw new IllegalArgumentException("tree file is inconsistent");
            }
            return new TreeEnsemble(
                    objective,
                    numFeatures,
                    numClasses,
                    baseMargin,
                    treeRoot,
                    treeGroup,
                    treeDepth,
                    nodes,
                    values,
                    gains);
        } catch (IOException e) {
            throw new IllegalArgumentException("tree file is truncated", e);
        }
    }

    private static boolean inRange(int index, int total) {
        return index >= 0 && index < total;
    }

    private static void writeInts(java.io.DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) out.writeInt(v);
    }

    private static void writeFloats(java.io.DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) out.writeFloat(v);
    }

    private static int[] readInts(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 4) throw new IOException("bad length " + n);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = in.readInt();
        return a;
    }

    private static float[] readFloats(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / 4) throw new IOException("bad length " + n);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = in.readFloat();
        return a;
    }

    /**
     * Copies the nodes reachable from one tree's root into the shared arrays at {@code offset},
     * breadth first, records the tree's depth, and returns the next free offset.
     */
    private static int flattenTree(
            JsonNode tree,
            int t,
            int offset,
            int numFeatures,
            int[] nodes,
            float[] values,
            float[] gains,
            int[] treeDepth) {
        int leafVector = Integer.parseInt(
                tree.path("tree_param").path("size_leaf_vector").asText("1"));
        if (leafVector > 1) {
            throw new IllegalArgumentException("tree " + t + ": vector leaves (multi_strategy) are not supported");
        }
        JsonNode lefts = required(tree, "left_children");
        JsonNode rights = required(tree, "right_children");
        JsonNode features = required(tree, "split_indices");
        JsonNode conditions = required(tree, "split_conditions");
        JsonNode defaultLeft = required(tree, "default_left");
        JsonNode lossChanges = required(tree, "loss_changes");
        JsonNode splitTypes = tree.path("split_type");
        int n = lefts.size();
        for (JsonNode array : List.of(rights, features, conditions, defaultLeft, lossChanges)) {
            if (array.size() != n) {
                throw new IllegalArgumentException("tree " + t + ": node arrays differ in length");
            }
        }
        // Breadth-first renumbering: order[k] is the JSON index of our k-th node. It places the two
        // children of a node next to each other and leaves out nodes deleted by pruning.
        int[] order = new int[n];
        int[] newIndex = new int[n];
        int[] level = new int[n];
        Arrays.fill(newIndex, -1);
        newIndex[0] = 0;
        int size = 1;
        int depth = 0;
        for (int k = 0; k < size; k++) {
            int old = order[k];
            int left = lefts.get(old).asInt();
            if (left == -1) {
                continue;
            }
            int right = rights.get(old).asInt();
            for (int child : new int[] {left, right}) {
                if (child <= 0 || child >= n || newIndex[child] != -1) {
                    throw new IllegalArgumentException("tree " + t + ": node " + old + " has a bad child " + child);
                }
                newIndex[child] = size;
                order[size++] = child;
                level[child] = level[old] + 1;
                depth = Math.max(depth, level[child]);
            }
        }
        for (int k = 0; k < size; k++) {
            int old = order[k];
            int node = offset + k;
            int at = node * STRIDE;
            // A leaf's value lives in split_conditions: XGBoost's loader reads it from there too.
            values[node] = conditions.get(old).floatValue();
            gains[node] = lossChanges.get(old).floatValue();
            int left = lefts.get(old).asInt();
            if (left == -1) {
                // Pointing a leaf at itself lets a walk take more steps than this path is deep.
                nodes[at + LEFT] = node;
                nodes[at + RIGHT] = node;
                nodes[at + MISSING] = node;
                continue;
            }
            if (splitTypes.path(old).asInt(0) != 0) {
                throw new IllegalArgumentException("tree " + t + ": categorical splits are not supported");
            }
            int feature = features.get(old).asInt();
            if (feature < 0 || feature >= numFeatures) {
                throw new IllegalArgumentException("tree " + t + ": split on unknown feature " + feature);
            }
            if (!Float.isFinite(values[node])) {
                // The branch-free comparison in next() relies on finite thresholds.
                throw new IllegalArgumentException("tree " + t + ": non-finite split threshold");
            }
            int right = rights.get(old).asInt();
            nodes[at + FEATURE] = feature;
            nodes[at + LEFT] = offset + newIndex[left];
            nodes[at + RIGHT] = offset + newIndex[right];
            // 3.x writes 0/1 integers, older versions wrote booleans; asBoolean() reads both.
            nodes[at + MISSING] = defaultLeft.get(old).asBoolean() ? nodes[at + LEFT] : nodes[at + RIGHT];
        }
        treeDepth[t] = depth;
        return offset + size;
    }

    /**
     * Turns the stored base_score into the starting margin of each output group.
     *
     * <p>3.x writes a bracketed list ("[5E-1]", or one entry per class), older versions a bare
     * number. Logistic models store it as a probability, so it goes through the logit just as
     * XGBoost's ProbToMargin does; softmax models already store margins.
     */
    private static float[] baseMargin(String text, String objective, int numGroups) {
        String trimmed = text.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        String[] parts = trimmed.split(",");
        if (parts.length != 1 && parts.length != numGroups) {
            throw new IllegalArgumentException(
                    "base_score " + text + " has " + parts.length + " entries, expected " + numGroups);
        }
        float[] margin = new float[numGroups];
        for (int g = 0; g < numGroups; g++) {
            float score = Float.parseFloat(parts[parts.length == 1 ? 0 : g].trim());
            if (objective.equals("binary:logistic")) {
                // Same clamp and float arithmetic as XGBoost's LogisticRegression::ProbToMargin.
                float p = Math.min(Math.max(score, 1e-6f), 1.0f - 1e-6f);
                score = (float) -Math.log(1.0f / p - 1.0f);
            }
            margin[g] = score;
        }
        return margin;
    }

    private static JsonNode required(JsonNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull()) {
            throw new IllegalArgumentException("XGBoost JSON model lacks '" + field + "'");
        }
        return child;
    }

    /** Number of input features the model was trained on. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Number of classes for multi-class models, 1 for regression and binary. */
    public int numClasses() {
        return numClasses;
    }

    /** XGBoost objective name, e.g. {@code binary:logistic}. */
    public String objective() {
        return objective;
    }

    /** Number of trees across all boosting rounds and classes. */
    public int numTrees() {
        return treeRoot.length;
    }

    /** Writes the raw margin of each output group into {@code out} ({@link #numClasses()} slots); NaN is missing. */
    public void predictMargin(double[] features, double[] out) {
        if (features.length < numFeatures || out.length < numClasses) {
            throw new IllegalArgumentException("need " + numFeatures + " features and " + numClasses
                    + " output slots, got " + features.length + " and " + out.length);
        }
        for (int g = 0; g < numClasses; g++) {
            out[g] = baseMargin[g];
        }
        int t = 0;
        // Four walks at once: each step is a chain of dependent loads, and interleaving independent
        // chains lets the CPU overlap them. Shorter trees idle on their self-pointing leaves.
        for (int block = 0; block < blockDepth.length; block++, t += BLOCK) {
            int a = treeRoot[t];
            int b = treeRoot[t + 1];
            int c = treeRoot[t + 2];
            int d = treeRoot[t + 3];
            for (int step = blockDepth[block]; step > 0; step--) {
                a = next(a, features);
                b = next(b, features);
                c = next(c, features);
                d = next(d, features);
            }
            add(out, t, a);
            add(out, t + 1, b);
            add(out, t + 2, c);
            add(out, t + 3, d);
        }
        for (; t < treeRoot.length; t++) {
            int node = treeRoot[t];
            for (int step = treeDepth[t]; step > 0; step--) {
                node = next(node, features);
            }
            add(out, t, node);
        }
    }

    // Trees are added in training order and out[g] always holds a float, so this is the same float
    // addition sequence as XGBoost's output buffer.
    private void add(double[] out, int tree, int leaf) {
        int g = treeGroup[tree];
        out[g] = (float) out[g] + values[leaf];
    }

    /** One step down a tree: the child of {@code node} for this row (a leaf returns itself). */
    private int next(int node, double[] features) {
        return next(node, features, 0);
    }

    private int next(int node, double[] features, int offset) {
        int at = node * STRIDE;
        // A DMatrix holds float32, so XGBoost compares the float-rounded value.
        float x = (float) features[offset + nodes[at + FEATURE]];
        // Branch-free, since a tree's branches are a coin flip for the CPU's predictor. x goes right
        // unless x < threshold, i.e. unless x - threshold is negative; the difference of two floats is
        // zero only when they are equal, and adding +0 turns -0 into +0 so that -0 vs +0 goes right.
        int right = ~Float.floatToRawIntBits((x - values[node]) + 0.0f) >>> 31;
        // 1 when x is NaN (exponent all ones, mantissa non-zero), which overrides the choice.
        int missing = (0x7f80_0000 - (Float.floatToRawIntBits(x) & 0x7fff_ffff)) >>> 31;
        return nodes[at + ((LEFT + right) | (missing * MISSING))];
    }

    /**
     * Margins of a block of rows, bit for bit what {@link #predictMargin(double[], double[])} gives row by row, and
     * several times faster on many rows: row r's features are {@code features[r * stride ...]} (NaN is missing),
     * its margins go to {@code out[r * numClasses() ...]}. Thread-safe; allocates a few KiB of scratch a call.
     */
    public void predictMargin(double[] features, int stride, int rows, double[] out) {
        if (rows < 0 || stride < numFeatures) {
            throw new IllegalArgumentException("need rows >= 0 and a stride of at least " + numFeatures
                    + " features, got " + rows + " rows, stride " + stride);
        }
        if (rows == 0) {
            return;
        }
        if ((long) (rows - 1) * stride + numFeatures > features.length || (long) rows * numClasses > out.length) {
            throw new IllegalArgumentException(rows + " rows need " + ((long) (rows - 1) * stride + numFeatures)
                    + " features and " + (long) rows * numClasses + " output slots, got " + features.length
                    + " and " + out.length);
        }
        BlockWalker blocks = this.blocks;
        if (blocks == null) {
            blocks = new BlockWalker(numFeatures, numClasses, treeRoot, treeGroup, treeDepth, nodes, values, STRIDE);
            this.blocks = blocks;
        }
        int chunk = Math.min(rows, BlockWalker.ROWS);
        int[] keys = new int[chunk * blocks.width()];
        float[] sums = new float[chunk * numClasses];
        for (int first = 0; first < rows; first += chunk) {
            int n = Math.min(chunk, rows - first);
            blocks.keys(features, stride, first, n, keys);
            for (int r = 0; r < n; r++) {
                System.arraycopy(baseMargin, 0, sums, r * numClasses, numClasses);
            }
            int t = 0;
            while (t < treeRoot.length) {
                if (blocks.walksFour(t)) {
                    blocks.walkFour(t, keys, n, sums);
                    t += 4;
                    continue;
                }
                if (blocks.walks(t)) {
                    blocks.walk(t, keys, n, sums);
                } else {
                    for (int r = 0; r < n; r++) {
                        int node = treeRoot[t];
                        for (int step = treeDepth[t]; step > 0; step--) {
                            node = next(node, features, (first + r) * stride);
                        }
                        sums[r * numClasses + treeGroup[t]] += values[node];
                    }
                }
                t++;
            }
            for (int i = 0; i < n * numClasses; i++) {
                out[first * numClasses + i] = sums[i];
            }
        }
    }

    /** {@link #predict(double[], double[])} for a block of rows, laid out as in {@link #predictMargin(double[], int, int, double[])}. */
    public void predict(double[] features, int stride, int rows, double[] out) {
        predictMargin(features, stride, rows, out);
        for (int r = 0; r < rows; r++) {
            transform(out, r * numClasses);
        }
    }

    /** Writes the value, P(class 1) for binary, or one probability per class (also for multi:softmax) into out. */
    public void predict(double[] features, double[] out) {
        predictMargin(features, out);
        transform(out, 0);
    }

    // margins at out[at ...] to the objective's outputs
    private void transform(double[] out, int at) {
        if (objective.equals("binary:logistic")) {
            out[at] = sigmoid((float) out[at]);
        } else if (numClasses > 1) {
            softmax(out, at);
        }
    }

    // XGBoost's common::Sigmoid in float, including its overflow clamp.
    private static double sigmoid(float margin) {
        float x = Math.min(-margin, 88.7f);
        float denominator = (float) Math.exp(x) + 1.0f + 1e-16f;
        return 1.0f / denominator;
    }

    // XGBoost's common::Softmax: float exponentials, double sum, float division.
    private void softmax(double[] out, int at) {
        float max = (float) out[at];
        for (int k = 1; k < numClasses; k++) {
            max = Math.max(max, (float) out[at + k]);
        }
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
            float e = (float) Math.exp((float) out[at + k] - max);
            out[at + k] = e;
            sum += e;
        }
        float total = (float) sum;
        for (int k = 0; k < numClasses; k++) {
            out[at + k] = (float) out[at + k] / total;
        }
    }

    /** Total gain (sum of loss_changes) of the splits on each feature, by name, largest first; unused left out. */
    public Map<String, Double> importanceGain(List<String> featureNames) {
        return importance(featureNames, true);
    }

    /** Number of splits on each feature, keyed by name, largest first; unused ones are left out. */
    public Map<String, Double> importanceWeight(List<String> featureNames) {
        return importance(featureNames, false);
    }

    private Map<String, Double> importance(List<String> featureNames, boolean gain) {
        if (featureNames.size() < numFeatures) {
            throw new IllegalArgumentException("need " + numFeatures + " feature names, got " + featureNames.size());
        }
        double[] score = new double[numFeatures];
        boolean[] used = new boolean[numFeatures];
        // Every stored node is reachable (pruned ones were dropped), and leaves point at themselves.
        for (int node = 0; node < values.length; node++) {
            int at = node * STRIDE;
            if (nodes[at + LEFT] != node) {
                int feature = nodes[at + FEATURE];
                used[feature] = true;
                score[feature] += gain ? gains[node] : 1;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < numFeatures; f++) {
            if (used[f]) {
                order.add(f);
            }
        }
        order.sort(Comparator.comparingDouble((Integer f) -> score[f]).reversed());
        Map<String, Double> result = new LinkedHashMap<>();
        for (int f : order) {
            result.put(featureNames.get(f), score[f]);
        }
        return result;
    }
}
