package org.bighead.pipeline.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of a {@link PipelineGraph} goes: a left-to-right layered layout with a box for
 * the raw inputs in the first layer, each stage one layer after the latest stage it reads from, and
 * the prediction after the last stage. Edges spanning layers pass through one dummy box per layer
 * between; layers are ordered to reduce crossings (barycentres), boxes placed near the ports they
 * connect to. Deterministic: the same graph always gives the same coordinates.
 */
final class GraphLayout {
    static final double MARGIN = 16;
    static final double HEADER = 30;
    static final double PORT_GAP = 26;
    static final double PORT_PAD = 16;
    static final double NODE_GAP = 26;
    static final double DUMMY_GAP = 22;
    static final double ARROW = 8;
    static final double LABEL_FS = 10.5;
    static final double LABEL_MAX = 150;
    static final double PILL_PAD = 7;

    /** What a box shows. */
    enum Kind {
        RAW,
        TRANSFORM,
        MODEL,
        OUTPUT,
        DUMMY
    }

    /** One line of text in a box, its baseline relative to the box's top. */
    record Line(String text, double size, boolean bold, String color, double baseline) {}

    /** A box: a stage, the raw inputs, the prediction, or a dummy an edge passes through. */
    static final class Box {
        final Kind kind;
        final int stage; // stage index, or -1
        int layer;
        int order;
        double x;
        double y;
        double w;
        double h;
        double contentW;
        final List<Seg> in = new ArrayList<>();
        final List<Seg> out = new ArrayList<>();
        final List<Line> lines = new ArrayList<>();
        double separator = -1; // y (relative) of a divider line, or -1
        String badge = "";
        String tooltip = "";

        Box(Kind kind, int stage) {
            this.kind = kind;
            this.stage = stage;
        }

        boolean dummy() {
            return kind == Kind.DUMMY;
        }
    }

    /** The columns flowing from one box to another, through the dummies of {@link #chain}. */
    static final class Edge {
        final Box src;
        final Box dst;
        final List<String> columns = new ArrayList<>();
        final List<Box> chain = new ArrayList<>();
        String label = "";

        Edge(Box src, Box dst) {
            this.src = src;
            this.dst = dst;
        }
    }

    /** The part of an edge between two adjacent layers, with its ports' offsets on the two boxes. */
    static final class Seg {
        final Edge edge;
        final Box from;
        final Box to;
        double fromOff;
        double toOff;

        Seg(Edge edge, Box from, Box to) {
            this.edge = edge;
            this.from = from;
            this.to = to;
        }

        double y1() {
            return from.y + fromOff;
        }

        double y2() {
            return to.y + toOff;
        }
    }

    final PipelineGraph g;
    final List<Box> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final List<List<Box>> layers = new ArrayList<>();
    double[] layerX;
    double[] layerW;
    double[] curveW;
    double width;
    double height;

    GraphLayout(PipelineGraph g) {
        this.g = g;
        build();
        order();
        size();
        ports();
        place();
    }

    // ---- structure ---------------------------------------------------------------------------

    private void build() {
        Box raw = new Box(Kind.RAW, -1);
        raw.layer = 0;
        nodes.add(raw);
        List<Box> stageNodes = new ArrayList<>();
        int maxLayer = 0;
        for (int i = 0; i < g.stages().size(); i++) {
            PipelineGraph.Node s = g.stages().get(i);
            Box n = new Box(g.isModel(i) ? Kind.MODEL : Kind.TRANSFORM, i);
            Map<Integer, Edge> bySource = new LinkedHashMap<>();
            for (String col : s.inputs()) {
                int src = g.sourceOf(i, col);
                Edge e = bySource.computeIfAbsent(src, k -> new Edge(k < 0 ? raw : stageNodes.get(k), n));
                if (!e.columns.contains(col)) {
                    e.columns.add(col);
                }
            }
            int layer = 1;
            for (Edge e : bySource.values()) {
                layer = Math.max(layer, e.src.layer + 1);
                edges.add(e);
            }
            n.layer = layer;
            maxLayer = Math.max(maxLayer, layer);
            stageNodes.add(n);
            nodes.add(n);
        }
        if (!stageNodes.isEmpty()) {
            Box last = stageNodes.get(stageNodes.size() - 1);
            Box output = new Box(Kind.OUTPUT, -1);
            output.layer = last.layer + 1;
            maxLayer = Math.max(maxLayer, output.layer);
            nodes.add(output);
            Edge e = new Edge(last, output);
            List<String> outs = g.stages().get(stageNodes.size() - 1).outputs();
            e.columns.addAll(outs.isEmpty() ? List.of("prediction") : outs);
            edges.add(e);
        }
        for (int l = 0; l <= maxLayer; l++) {
            layers.add(new ArrayList<>());
        }
        for (Box n : nodes) {
            layers.get(n.layer).add(n);
        }
        for (Edge e : edges) { // split long edges with one dummy per intermediate layer
            e.chain.add(e.src);
            for (int l = e.src.layer + 1; l < e.dst.layer; l++) {
                Box d = new Box(Kind.DUMMY, -1);
                d.layer = l;
                layers.get(l).add(d);
                e.chain.add(d);
            }
            e.chain.add(e.dst);
            for (int k = 0; k + 1 < e.chain.size(); k++) {
                Seg s = new Seg(e, e.chain.get(k), e.chain.get(k + 1));
                s.from.out.add(s);
                s.to.in.add(s);
            }
        }
        for (List<Box> layer : layers) {
            for (int k = 0; k < layer.size(); k++) {
                layer.get(k).order = k;
            }
        }
    }

    /** Barycentre ordering within layers to reduce crossings (deterministic, stable sorts). */
    private void order() {
        for (int it = 0; it < 4; it++) {
            sweep(true);
            sweep(false);
        }
        sweep(true);
    }

    private void sweep(boolean down) {
        int from = down ? 1 : layers.size() - 2;
        int to = down ? layers.size() : -1;
        int step = down ? 1 : -1;
        for (int l = from; l != to; l += step) {
            List<Box> layer = layers.get(l);
            Map<Box, Double> key = new HashMap<>();
            for (Box n : layer) {
                List<Seg> segs = down ? n.in : n.out;
                if (segs.isEmpty()) {
                    key.put(n, (double) n.order);
                } else {
                    double s = 0;
                    for (Seg sg : segs) {
                        s += down ? sg.from.order : sg.to.order;
                    }
                    key.put(n, s / segs.size());
                }
            }
            layer.sort(Comparator.comparingDouble(key::get));
            for (int k = 0; k < layer.size(); k++) {
                layer.get(k).order = k;
            }
        }
    }

    // ---- sizes -------------------------------------------------------------------------------

    private void size() {
        NodeBoxes boxes = new NodeBoxes(g);
        layerW = new double[layers.size()];
        for (Box n : nodes) {
            n.contentW = boxes.desiredWidth(n);
        }
        for (int l = 0; l < layers.size(); l++) {
            double w = 0;
            for (Box n : layers.get(l)) {
                if (!n.dummy() && n.kind != Kind.OUTPUT) {
                    w = Math.max(w, n.contentW);
                }
            }
            for (Box n : layers.get(l)) {
                if (n.kind == Kind.OUTPUT) {
                    w = Math.max(w, n.contentW);
                }
            }
            layerW[l] = w;
        }
        for (Box n : nodes) {
            n.w = n.kind == Kind.OUTPUT ? n.contentW : layerW[n.layer];
            boxes.fill(n);
        }
        for (Edge e : edges) {
            boolean plainPrediction = e.dst.kind == Kind.OUTPUT && e.columns.equals(List.of("prediction"));
            e.label = plainPrediction ? "" : ColumnLabels.label(e.columns, LABEL_MAX, LABEL_FS);
        }
    }

    // ---- ports and positions -----------------------------------------------------------------

    private void ports() {
        for (Box n : nodes) {
            n.in.sort(Comparator.comparingInt((Seg s) -> s.from.order));
            n.out.sort(Comparator.comparingInt((Seg s) -> s.to.order));
            int m = Math.max(n.in.size(), n.out.size());
            n.h = Math.max(n.h, (m - 1) * PORT_GAP + 2 * PORT_PAD);
            for (int k = 0; k < n.in.size(); k++) {
                n.in.get(k).toOff = n.h / 2 + (k - (n.in.size() - 1) / 2.0) * PORT_GAP;
            }
            for (int k = 0; k < n.out.size(); k++) {
                n.out.get(k).fromOff = n.h / 2 + (k - (n.out.size() - 1) / 2.0) * PORT_GAP;
            }
        }
    }

    private static double gapAfter(Box a, Box b) {
        return a.dummy() || b.dummy() ? DUMMY_GAP : NODE_GAP;
    }

    private void place() {
        // initial stacking
        for (List<Box> layer : layers) {
            double y = 0;
            for (int k = 0; k < layer.size(); k++) {
                Box n = layer.get(k);
                n.y = y;
                y += n.h + (k + 1 < layer.size() ? gapAfter(n, layer.get(k + 1)) : 0);
            }
            double shift = -y / 2; // centre every layer on 0
            for (Box n : layer) {
                n.y += shift;
            }
        }
        for (int it = 0; it < 12; it++) {
            for (int l = 1; l < layers.size(); l++) {
                relax(layers.get(l), 1);
            }
            for (int l = layers.size() - 2; l >= 0; l--) {
                relax(layers.get(l), -1);
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            relax(layers.get(l), 0);
        }
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (List<Box> layer : layers) {
            for (Box n : layer) {
                minY = Math.min(minY, n.y);
                maxY = Math.max(maxY, n.y + n.h);
            }
        }
        double top = MARGIN + HEADER;
        for (List<Box> layer : layers) {
            for (Box n : layer) {
                n.y = Math.round((n.y - minY + top) * 2) / 2.0;
            }
        }
        // horizontal: layer widths and gaps (curve zone + label zone)
        layerX = new double[layers.size()];
        curveW = new double[layers.size()];
        double x = MARGIN;
        for (int l = 0; l < layers.size(); l++) {
            if (l > 0) {
                double maxDy = 0;
                double maxLabel = 0;
                for (Box n : layers.get(l)) {
                    for (Seg s : n.in) {
                        maxDy = Math.max(maxDy, Math.abs(s.y2() - s.y1()));
                        if (!n.dummy() && !s.edge.label.isEmpty()) {
                            maxLabel =
                                    Math.max(maxLabel, TextMetrics.width(s.edge.label, LABEL_FS, false) + 2 * PILL_PAD);
                        }
                    }
                }
                curveW[l] = maxDy < 0.5 ? 10 : clamp(maxDy * 0.3, 32, 96); // straight edges need none
                double labelZone = Math.max(40, maxLabel + 20) + ARROW;
                x += curveW[l] + labelZone;
            }
            layerX[l] = x;
            for (Box n : layers.get(l)) {
                n.x = x;
            }
            x += layerW[l];
        }
        width = Math.ceil(x + MARGIN);
        height = Math.ceil(maxY - minY + top + MARGIN);
        // the header must fit too
        width = Math.max(width, Math.ceil(TextMetrics.width(NodeBoxes.header(g), 12, false) + 2 * MARGIN));
    }

    /**
     * Moves the boxes of one layer towards the ports they connect to (dir 1: predecessors, -1:
     * successors, 0: both), keeping their order and spacing (isotonic regression, pool adjacent
     * violators).
     */
    private static void relax(List<Box> layer, int dir) {
        int m = layer.size();
        if (m == 0) {
            return;
        }
        double[] offset = new double[m];
        double[] target = new double[m];
        for (int k = 0; k < m; k++) {
            Box n = layer.get(k);
            offset[k] = k == 0 ? 0 : offset[k - 1] + layer.get(k - 1).h + gapAfter(layer.get(k - 1), n);
            double sum = 0;
            int cnt = 0;
            if (dir >= 0) {
                for (Seg s : n.in) {
                    sum += s.y1() - s.toOff;
                    cnt++;
                }
            }
            if (dir <= 0) {
                for (Seg s : n.out) {
                    sum += s.y2() - s.fromOff;
                    cnt++;
                }
            }
            double desired = cnt == 0 ? n.y : sum / cnt;
            target[k] = desired - offset[k];
        }
        // PAV: non-decreasing fit of target
        double[] val = new double[m];
        int[] size = new int[m];
        int blocks = 0;
        for (int k = 0; k < m; k++) {
            val[blocks] = target[k];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && val[blocks - 2] > val[blocks - 1]) {
                double merged = (val[blocks - 2] * size[blocks - 2] + val[blocks - 1] * size[blocks - 1])
                        / (size[blocks - 2] + size[blocks - 1]);
                size[blocks - 2] += size[blocks - 1];
                val[blocks - 2] = merged;
                blocks--;
            }
        }
        int k = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < size[b]; j++, k++) {
                layer.get(k).y = val[b] + offset[k];
            }
        }
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
