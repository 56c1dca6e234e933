package org.bighead.pipeline.model;

/**
 * Walks the trees of a {@link TreeEnsemble} for a block of rows at a time, one tree over all the rows before the
 * next, so each tree's nodes stay in the L1 cache while the rows go through it. Gives the same bits as the row
 * walker: the same float comparisons (done on integer keys), the same float additions in the same tree order.
 *
 * <p>Each tree of depth up to {@link #MAX_DEPTH} is stored complete: the children of internal node {@code i} are
 * {@code 2i + 1} and {@code 2i + 2}, so a step needs no child pointer, and a leaf above the deepest level is
 * copied into every slot below it, so every walk takes exactly depth steps. Deeper trees (which lossguide
 * growth can make) would take too much room that way and are walked row by row as before.
 */
final class BlockWalker {
    /** Deepest tree stored complete: 2^10 leaves, 12 KiB. */
    static final int MAX_DEPTH = 10;

    /** Rows converted and walked together: their keys (4 bytes × {@link #width} each) stay in L1 beside a tree. */
    static final int ROWS = 32;

    private final int numClasses;
    // A row's keys hold only what some split reads: one slot per (feature, side NaN goes to) pair in use. A model
    // of one-hot and hashed-text columns splits on about half its features and sends NaN left on one or two, so
    // the keys are a third of "every feature, twice", and a block of rows' keys stays in L1 beside the trees.
    private final int[] slotFeature; // per key slot: the feature it holds
    private final boolean[] slotNanLeft; // per key slot: NaN as the smallest key (goes left) rather than the largest
    private final int[] depth; // per tree; -1 for a tree left to the row walker
    private final int[] group; // per tree: its output group
    private final int[] nodeBase; // per tree: its first internal node in `nodes`
    private final int[] leafBase; // per tree: its first leaf in `leaves`
    // Internal node: the key slot in the low 32 bits, the threshold's key in the high 32 bits, so one load gives
    // both.
    private final long[] nodes;
    private final float[] leaves;

    /**
     * Lays out the trees given in {@link TreeEnsemble}'s row-walker form: STRIDE ints per node (feature, left,
     * right, missing), a leaf pointing at itself, thresholds and leaf values in {@code values}.
     */
    BlockWalker(
            int numFeatures,
            int numClasses,
            int[] treeRoot,
            int[] treeGroup,
            int[] treeDepth,
            int[] rowNodes,
            float[] values,
            int stride) {
        this.numClasses = numClasses;
        int trees = treeRoot.length;
        // slot of (feature, NaN left) at slotOf[2 * feature + (nanLeft ? 1 : 0)], in feature order; -1 unused
        int[] slotOf = new int[2 * numFeatures];
        java.util.Arrays.fill(slotOf, -1);
        for (int node = 0; node < values.length; node++) {
            int at = node * stride;
            if (rowNodes[at + 1] != node) {
                slotOf[2 * rowNodes[at] + (rowNodes[at + 3] == rowNodes[at + 1] ? 1 : 0)] = 0;
            }
        }
        int width = 0;
        for (int i = 0; i < slotOf.length; i++) {
            if (slotOf[i] == 0) {
                slotOf[i] = width++;
            }
        }
        slotFeature = new int[width];
        slotNanLeft = new boolean[width];
        for (int i = 0; i < slotOf.length; i++) {
            if (slotOf[i] >= 0) {
                slotFeature[slotOf[i]] = i / 2;
                slotNanLeft[slotOf[i]] = i % 2 == 1;
            }
        }
        depth = new int[trees];
        group = treeGroup.clone();
        nodeBase = new int[trees];
        leafBase = new int[trees];
        int internal = 0;
        int leafCount = 0;
        for (int t = 0; t < trees; t++) {
            depth[t] = treeDepth[t] <= MAX_DEPTH ? treeDepth[t] : -1;
            nodeBase[t] = internal;
            leafBase[t] = leafCount;
            if (depth[t] >= 0) {
                internal += (1 << depth[t]) - 1;
                leafCount += 1 << depth[t];
            }
        }
        nodes = new long[internal];
        leaves = new float[leafCount];
        for (int t = 0; t < trees; t++) {
            if (depth[t] >= 0) {
                fill(t, treeRoot[t], 0, 0, rowNodes, values, stride, slotOf);
            }
        }
    }

    /**
     * Places row-walker node {@code node} at complete-tree slot {@code slot} on {@code level}. Whatever node a
     * walk reaches after depth steps is what the row walker adds, so that node's value becomes the leaf.
     */
    private void fill(int t, int node, int slot, int level, int[] rowNodes, float[] values, int stride, int[] slotOf) {
        int at = node * stride;
        if (level == depth[t]) {
            leaves[leafBase[t] + slot - ((1 << level) - 1)] = values[node];
            return;
        }
        int left = rowNodes[at + 1];
        int right = rowNodes[at + 2];
        if (left == node) {
            // a leaf above the deepest level: any comparison will do, both subtrees hold its value
            nodes[nodeBase[t] + slot] = 0;
            fill(t, node, 2 * slot + 1, level + 1, rowNodes, values, stride, slotOf);
            fill(t, node, 2 * slot + 2, level + 1, rowNodes, values, stride, slotOf);
            return;
        }
        int feature = rowNodes[at];
        boolean nanLeft = rowNodes[at + 3] == left;
        long index = slotOf[2 * feature + (nanLeft ? 1 : 0)];
        nodes[nodeBase[t] + slot] = ((long) key(values[node]) << 32) | index;
        fill(t, left, 2 * slot + 1, level + 1, rowNodes, values, stride, slotOf);
        fill(t, right, 2 * slot + 2, level + 1, rowNodes, values, stride, slotOf);
    }

    /** Key slots a row takes in {@link #keys}. */
    int width() {
        return slotFeature.length;
    }

    /** Whether tree {@code t} is walked here; if not, the caller walks it row by row. */
    boolean walks(int t) {
        return depth[t] >= 0;
    }

    /**
     * Whether {@link #walkFour} can walk trees {@code t} to {@code t + 3}: they exist, are walked here and are equally
     * deep, and the model has one output (with more, trees of a round add to different outputs; they go one by one).
     */
    boolean walksFour(int t) {
        if (numClasses != 1 || t + 4 > depth.length) return false;
        int d = depth[t];
        return d > 0 && depth[t + 1] == d && depth[t + 2] == d && depth[t + 3] == d;
    }

    /**
     * A float's position in float order as a signed int: {@code a < b} exactly when {@code key(a) < key(b)}, for
     * every pair of non-NaN floats (-0 is +0 first, as the two compare equal).
     */
    static int key(float x) {
        int bits = Float.floatToRawIntBits(x + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fff_ffff);
    }

    /**
     * Fills {@code keys} for {@code rows} rows of {@code features} from row {@code first} on ({@code stride}
     * doubles a row): each key slot's feature rounded to float once, as a key, NaN as the largest int (it goes right
     * of every threshold) or, in a slot for splits that send NaN left, the smallest.
     */
    void keys(double[] features, int stride, int first, int rows, int[] keys) {
        int width = slotFeature.length;
        int[] slotFeature = this.slotFeature;
        boolean[] slotNanLeft = this.slotNanLeft;
        for (int r = 0; r < rows; r++) {
            int in = (first + r) * stride;
            int out = r * width;
            for (int s = 0; s < width; s++) {
                float x = (float) features[in + slotFeature[s]];
                keys[out + s] = Float.isNaN(x) ? (slotNanLeft[s] ? Integer.MIN_VALUE : Integer.MAX_VALUE) : key(x);
            }
        }
    }

    /** Adds tree {@code t}'s leaf for each of {@code rows} rows (keys from {@link #keys}) to {@code sums}. */
    void walk(int t, int[] keys, int rows, float[] sums) {
        int d = depth[t];
        int g = group[t];
        int base = nodeBase[t];
        if (d == 0) {
            float value = leaves[leafBase[t]];
            for (int r = 0; r < rows; r++) sums[r * numClasses + g] += value;
            return;
        }
        // Walks hold absolute node indexes: slot s is nodes[base + s], its children are slots 2s + 1 and 2s + 2,
        // i.e. nodes 2i + (1 - base) and the one after. After d steps a walk is at slot 2^d - 1 + leaf.
        int child = 2 - base;
        int leaf = leafBase[t] - ((1 << d) - 1) - base;
        int width = slotFeature.length;
        long[] nodes = this.nodes;
        // every walk starts at the root: its split is read once
        long root = nodes[base];
        int f = (int) root;
        long threshold = root >> 32;
        int r = 0;
        // Eight rows at once: each step is a chain of dependent loads, eight independent chains overlap.
        for (; r + 8 <= rows; r += 8) {
            int k0 = r * width;
            int k1 = k0 + width;
            int k2 = k1 + width;
            int k3 = k2 + width;
            int k4 = k3 + width;
            int k5 = k4 + width;
            int k6 = k5 + width;
            int k7 = k6 + width;
            int a0 = base + 2 - (int) (((long) keys[k0 + f] - threshold) >>> 63);
            int a1 = base + 2 - (int) (((long) keys[k1 + f] - threshold) >>> 63);
            int a2 = base + 2 - (int) (((long) keys[k2 + f] - threshold) >>> 63);
            int a3 = base + 2 - (int) (((long) keys[k3 + f] - threshold) >>> 63);
            int a4 = base + 2 - (int) (((long) keys[k4 + f] - threshold) >>> 63);
            int a5 = base + 2 - (int) (((long) keys[k5 + f] - threshold) >>> 63);
            int a6 = base + 2 - (int) (((long) keys[k6 + f] - threshold) >>> 63);
            int a7 = base + 2 - (int) (((long) keys[k7 + f] - threshold) >>> 63);
            for (int step = 1; step < d; step++) {
                a0 = next(nodes[a0], a0, child, keys, k0);
                a1 = next(nodes[a1], a1, child, keys, k1);
                a2 = next(nodes[a2], a2, child, keys, k2);
                a3 = next(nodes[a3], a3, child, keys, k3);
                a4 = next(nodes[a4], a4, child, keys, k4);
                a5 = next(nodes[a5], a5, child, keys, k5);
                a6 = next(nodes[a6], a6, child, keys, k6);
                a7 = next(nodes[a7], a7, child, keys, k7);
            }
            int o = r * numClasses + g;
            sums[o] += leaves[leaf + a0];
            sums[o + numClasses] += leaves[leaf + a1];
            sums[o + 2 * numClasses] += leaves[leaf + a2];
            sums[o + 3 * numClasses] += leaves[leaf + a3];
            sums[o + 4 * numClasses] += leaves[leaf + a4];
            sums[o + 5 * numClasses] += leaves[leaf + a5];
            sums[o + 6 * numClasses] += leaves[leaf + a6];
            sums[o + 7 * numClasses] += leaves[leaf + a7];
        }
        for (; r < rows; r++) {
            int k = r * width;
            int a = base;
            for (int step = 0; step < d; step++) {
                a = next(nodes[a], a, child, keys, k);
            }
            sums[r * numClasses + g] += leaves[leaf + a];
        }
    }

    /**
     * {@link #walk} of trees {@code t} to {@code t + 3} ({@link #walksFour}), adding each row's four leaves in tree
     * order. Two rows of four trees are eight independent walks over only two rows' keys, which leaves the JIT
     * registers enough to keep every walk's state in one: about a quarter faster than eight rows of one tree.
     */
    void walkFour(int t, int[] keys, int rows, float[] sums) {
        int d = depth[t];
        int baseA = nodeBase[t];
        int baseB = nodeBase[t + 1];
        int baseC = nodeBase[t + 2];
        int baseD = nodeBase[t + 3];
        int childA = 2 - baseA;
        int childB = 2 - baseB;
        int childC = 2 - baseC;
        int childD = 2 - baseD;
        int last = (1 << d) - 1; // slot of the first leaf
        int leafA = leafBase[t] - last - baseA;
        int leafB = leafBase[t + 1] - last - baseB;
        int leafC = leafBase[t + 2] - last - baseC;
        int leafD = leafBase[t + 3] - last - baseD;
        int width = slotFeature.length;
        long[] nodes = this.nodes;
        float[] leaves = this.leaves;
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            int k0 = r * width;
            int k1 = k0 + width;
            int a0 = baseA;
            int a1 = baseA;
            int b0 = baseB;
            int b1 = baseB;
            int c0 = baseC;
            int c1 = baseC;
            int e0 = baseD;
            int e1 = baseD;
            for (int step = 0; step < d; step++) {
                a0 = next(nodes[a0], a0, childA, keys, k0);
                b0 = next(nodes[b0], b0, childB, keys, k0);
                c0 = next(nodes[c0], c0, childC, keys, k0);
                e0 = next(nodes[e0], e0, childD, keys, k0);
                a1 = next(nodes[a1], a1, childA, keys, k1);
                b1 = next(nodes[b1], b1, childB, keys, k1);
                c1 = next(nodes[c1], c1, childC, keys, k1);
                e1 = next(nodes[e1], e1, childD, keys, k1);
            }
            // one float addition at a time, in tree order, as the row walker adds them
            sums[r] = sums[r] + leaves[leafA + a0] + leaves[leafB + b0] + leaves[leafC + c0] + leaves[leafD + e0];
            sums[r + 1] =
                    sums[r + 1] + leaves[leafA + a1] + leaves[leafB + b1] + leaves[leafC + c1] + leaves[leafD + e1];
        }
        if (r < rows) {
            int k = r * width;
            int a = baseA;
            int b = baseB;
            int c = baseC;
            int e = baseD;
            for (int step = 0; step < d; step++) {
                a = next(nodes[a], a, childA, keys, k);
                b = next(nodes[b], b, childB, keys, k);
                c = next(nodes[c], c, childC, keys, k);
                e = next(nodes[e], e, childD, keys, k);
            }
            sums[r] = sums[r] + leaves[leafA + a] + leaves[leafB + b] + leaves[leafC + c] + leaves[leafD + e];
        }
    }

    // Left child 2i + 1 when key < threshold key, else right child 2i + 2; branch-free, as a tree's branches
    // are a coin flip for the CPU's predictor. The difference of two ints fits a long: its sign is the answer.
    private static int next(long node, int at, int child, int[] keys, int row) {
        long less = ((long) keys[row + (int) node] - (node >> 32)) >>> 63;
        return 2 * at + child - (int) less;
    }
}
