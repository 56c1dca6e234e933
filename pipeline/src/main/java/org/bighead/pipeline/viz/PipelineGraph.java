package org.bighead.pipeline.viz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a pipeline: raw input columns, a target, and stages in execution order, each
 * reading and writing named columns. A stage's input column comes from the last earlier stage that
 * output a column of that name, otherwise from the raw inputs.
 *
 * <p>{@link #toSvg()} draws it as a left-to-right layered diagram (raw inputs, one box per stage,
 * the prediction), with arrows labelled by the columns that flow along them.
 *
 * @param inputs raw input columns (features), in table order
 * @param target the label column, or null for an unsupervised pipeline
 * @param stages the stages in execution order; the last is usually the model
 */
public record PipelineGraph(List<String> inputs, String target, List<Node> stages)
    implements Displayable {

  /**
   * One stage.
   *
   * @param name the stage's name, e.g. "impute"
   * @param type what kind of stage it is, e.g. "median-imputer" or "xgboost-regressor"
   * @param inputs columns it reads
   * @param outputs columns it writes (for the model: its prediction column(s), or empty)
   * @param summary a short description of what it learned, e.g. "median: bedrooms=2.0"
   */
  public record Node(
      String name, String type, List<String> inputs, List<String> outputs, String summary) {
    public Node {
      if (name == null) {
        throw new IllegalArgumentException("stage name is null");
      }
      type = type == null ? "" : type;
      inputs = copy(inputs, "inputs of stage " + name);
      outputs = copy(outputs, "outputs of stage " + name);
      summary = summary == null ? "" : summary;
    }
  }

  public PipelineGraph {
    inputs = copy(inputs, "pipeline inputs");
    if (stages == null) {
      stages = List.of();
    }
    for (Node n : stages) {
      if (n == null) {
        throw new IllegalArgumentException("null stage");
      }
    }
    stages = List.copyOf(stages);
  }

  private static List<String> copy(List<String> list, String what) {
    if (list == null) {
      return List.of();
    }
    for (String s : list) {
      if (s == null) {
        throw new IllegalArgumentException("null column name in " + what);
      }
    }
    return List.copyOf(list);
  }

  /** Stage types that mark a stage as a model (otherwise the last stage is taken as the model). */
  private static final Pattern MODEL_TYPE = Pattern.compile(
      "(?i).*(regress|classif|xgboost|lightgbm|catboost|gbm|forest|model|estimator|ranker"
          + "|predictor|learner).*");

  /**
   * Where stage {@code stage} reads {@code column} from: the index of the last earlier stage that
   * outputs it, or -1 for the raw inputs.
   */
  public int sourceOf(int stage, String column) {
    for (int j = stage - 1; j >= 0; j--) {
      if (stages.get(j).outputs().contains(column)) {
        return j;
      }
    }
    return -1;
  }

  /** Whether stage {@code i} is drawn as a model (by its type; else the last stage is). */
  public boolean isModel(int i) {
    boolean any = false;
    for (Node n : stages) {
      any |= MODEL_TYPE.matcher(n.type()).matches();
    }
    return any ? MODEL_TYPE.matcher(stages.get(i).type()).matches() : i == stages.size() - 1;
  }

  @Override
  public Map<String, Object> mimeBundle() {
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put(IMAGE_SVG, toSvg());
    bundle.put(TEXT_PLAIN, toText());
    return Collections.unmodifiableMap(bundle);
  }

  /** A header line, then one line per stage: name, type, columns in → out, summary. */
  public String toText() {
    StringBuilder sb = new StringBuilder("Pipeline: ");
    sb.append(inputs.size()).append(inputs.size() == 1 ? " input" : " inputs").append(" \u2192 ")
        .append(stages.size()).append(stages.size() == 1 ? " stage" : " stages");
    if (!stages.isEmpty()) {
      sb.append(" \u2192 prediction");
    }
    if (target != null) {
      sb.append(" (target: ").append(target).append(')');
    }
    for (int i = 0; i < stages.size(); i++) {
      Node n = stages.get(i);
      sb.append("\n  ").append(i + 1).append(". ").append(n.name());
      if (!n.type().isEmpty()) {
        sb.append(" [").append(n.type()).append(']');
      }
      sb.append("  ").append(plainList(n.inputs(), 60)).append(" \u2192 ")
          .append(n.outputs().isEmpty() ? (isModel(i) ? "prediction" : "\u2205")
              : plainList(n.outputs(), 60));
      if (!n.summary().isEmpty()) {
        sb.append("  | ").append(Html.truncate(n.summary().replace('\n', ' '), 80));
      }
    }
    return sb.toString();
  }

  private static String plainList(List<String> cols, int maxChars) {
    if (cols.isEmpty()) {
      return "\u2205";
    }
    List<Group> groups = collapse(cols);
    StringBuilder sb = new StringBuilder();
    int used = 0;
    for (Group g : groups) {
      String next = (sb.length() > 0 ? ", " : "") + g.label;
      if (sb.length() + next.length() > maxChars && sb.length() > 0) {
        return sb + ", +" + (cols.size() - used) + " columns";
      }
      sb.append(next);
      used += g.count;
    }
    return sb.toString();
  }

  // =============================================================================================
  // Column-list labels

  /** A run of columns shown as one label, e.g. "amenities#0..63" (64 columns). */
  record Group(String label, int count) {}

  private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d{1,9})$", Pattern.DOTALL);
  private static final Pattern KEYED = Pattern.compile("^(.+?=).*$", Pattern.DOTALL);

  /**
   * Collapses runs of consecutive numbered columns ("x#0", "x#1", ... into "x#0..63") and of
   * one-hot style columns sharing a "key=" prefix (into "key=* (n)"); other names stay as they are.
   */
  static List<Group> collapse(List<String> cols) {
    List<Group> out = new ArrayList<>();
    int i = 0;
    while (i < cols.size()) {
      String first = cols.get(i);
      int j = i + 1;
      Matcher m = NUMBERED.matcher(first);
      if (m.matches()) {
        String prefix = m.group(1);
        long prev = Long.parseLong(m.group(2));
        while (j < cols.size()) {
          Matcher mj = NUMBERED.matcher(cols.get(j));
          if (!mj.matches() || !mj.group(1).equals(prefix)
              || Long.parseLong(mj.group(2)) != prev + 1) {
            break;
          }
          prev++;
          j++;
        }
        if (j - i >= 3) {
          String last = cols.get(j - 1);
          out.add(new Group(first + ".." + last.substring(prefix.length()), j - i));
          i = j;
          continue;
        }
        j = i + 1;
      }
      Matcher k = KEYED.matcher(first);
      if (k.matches()) {
        String prefix = k.group(1);
        while (j < cols.size() && cols.get(j).startsWith(prefix)) {
          j++;
        }
        if (j - i >= 2) {
          out.add(new Group(prefix + "* (" + (j - i) + ")", j - i));
          i = j;
          continue;
        }
        j = i + 1;
      }
      out.add(new Group(first, 1));
      i = j;
    }
    return out;
  }

  /** A label of at most {@code maxWidth} px: the groups that fit, then "+N columns". */
  static String label(List<String> cols, double maxWidth, double fontSize) {
    if (cols.isEmpty()) {
      return "";
    }
    List<Group> groups = collapse(cols);
    String all = joinLabels(groups, groups.size());
    if (Svg.width(all, fontSize, false) <= maxWidth) {
      return all;
    }
    if (groups.size() == 1) { // one long name or run: cut it
      return Svg.fit(all, maxWidth, fontSize, false);
    }
    int rest = 0; // columns left out, growing as groups are dropped from the end
    for (int g = groups.size() - 1; g >= 1; g--) {
      rest += groups.get(g).count;
      String s = joinLabels(groups, g) + ", +" + rest + (rest == 1 ? " column" : " columns");
      if (Svg.width(s, fontSize, false) <= maxWidth) {
        return s;
      }
    }
    return cols.size() + " columns";
  }

  private static String joinLabels(List<Group> groups, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(groups.get(i).label);
    }
    return sb.toString();
  }

  // =============================================================================================
  // SVG

  /**
   * A standalone SVG document of the pipeline: a left-to-right layered diagram with a box for the
   * raw inputs, one box per stage (name, type, summary), the prediction, and arrows labelled with
   * the columns they carry. Deterministic: the same graph always gives the same bytes.
   */
  public String toSvg() {
    return new Layout(this).render();
  }

  /** Text measurement (estimated, font-independent) and SVG helpers. */
  static final class Svg {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
        + "Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif";

    private Svg() {}

    /**
     * Advance widths of ASCII 32..126 in hundredths of an em: the wider of DejaVu Sans and
     * Liberation Sans (metric-compatible with Arial), so estimates err on the wide side for the
     * usual system sans-serif fonts.
     */
    private static final byte[] ASCII_WIDTHS = {
        32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,
        64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56,
        102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79,
        67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56,
        50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61,
        63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84};

    /** Estimated advance width of {@code s} in a sans-serif font; errs on the wide side. */
    static double width(String s, double size, boolean bold) {
      double w = 0;
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        w += charWidth(cp);
      }
      return w * size * (bold ? 1.1 : 1.0);
    }

    private static double charWidth(int cp) {
      if (cp >= 32 && cp < 127) {
        return ASCII_WIDTHS[cp - 32] / 100.0;
      }
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT || cp == 0xFE0F) {
        return 0; // combining marks, joiners, variation selectors
      }
      if (cp >= 0x1F000) {
        return 1.25; // emoji and other pictographs
      }
      if (cp >= 0x1100) {
        return 1.0; // CJK, symbols, full-width forms
      }
      if (cp < 0x0370) {
        return 0.66; // Latin-1 and Latin extended
      }
      return 0.85; // Greek, Cyrillic, arrows, punctuation ...
    }

    /** {@code s} cut (with "…") to fit {@code maxWidth}. */
    static String fit(String s, double maxWidth, double size, boolean bold) {
      if (width(s, size, bold) <= maxWidth) {
        return s;
      }
      int[] cps = s.codePoints().toArray();
      int lo = 0;
      int hi = cps.length;
      while (lo < hi) { // largest prefix that fits with the ellipsis
        int mid = (lo + hi + 1) / 2;
        String t = new String(cps, 0, mid) + "\u2026";
        if (width(t, size, bold) <= maxWidth) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return new String(cps, 0, lo).stripTrailing() + "\u2026";
    }

    /** Greedy word wrap into at most {@code maxLines} lines, the last one cut with "…". */
    static List<String> wrap(String s, double maxWidth, double size, int maxLines) {
      List<String> lines = new ArrayList<>();
      String[] words = s.strip().split("\\s+");
      StringBuilder cur = new StringBuilder();
      int w = 0;
      while (w < words.length && lines.size() < maxLines) {
        String word = words[w];
        String candidate = cur.length() == 0 ? word : cur + " " + word;
        if (width(candidate, size, false) <= maxWidth) {
          cur.setLength(0);
          cur.append(candidate);
          w++;
        } else if (cur.length() == 0) {
          lines.add(fit(word, maxWidth, size, false)); // a single over-long word
          w++;
        } else {
          lines.add(cur.toString());
          cur.setLength(0);
        }
      }
      if (cur.length() > 0 && lines.size() < maxLines) {
        lines.add(cur.toString());
      }
      if (w < words.length && !lines.isEmpty()) { // text left over: cut the last line
        StringBuilder rest = new StringBuilder(lines.remove(lines.size() - 1));
        for (int k = w; k < words.length; k++) {
          rest.append(' ').append(words[k]);
        }
        lines.add(fit(rest.toString(), maxWidth, size, false));
      }
      return lines;
    }

    /** A coordinate with at most one decimal, no trailing ".0" (locale-independent). */
    static String n(double v) {
      long tenths = Math.round(v * 10);
      if (tenths % 10 == 0) {
        return Long.toString(tenths / 10);
      }
      return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }
  }

  /** The layered layout and its rendering. */
  private static final class Layout {
    // geometry
    static final double MARGIN = 16;
    static final double HEADER = 30;
    static final double PAD_X = 12;
    static final double MIN_W = 150;
    static final double MAX_W = 250;
    static final double PORT_GAP = 26;
    static final double PORT_PAD = 16;
    static final double NODE_GAP = 26;
    static final double DUMMY_GAP = 22;
    static final double ARROW = 8;
    static final double LABEL_FS = 10.5;
    static final double LABEL_MAX = 150;
    static final double PILL_H = 18;
    static final double PILL_PAD = 7;
    static final int RAW_LINES = 10;
    // colors
    static final String INK = "#1f2937";
    static final String MUTED = "#5b6472";
    static final String EDGE = "#8b95a5";

    enum Kind { RAW, TRANSFORM, MODEL, OUTPUT, DUMMY }

    record Line(String text, double size, boolean bold, String color, double baseline) {}

    static final class LNode {
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

      LNode(Kind kind, int stage) {
        this.kind = kind;
        this.stage = stage;
      }

      boolean dummy() {
        return kind == Kind.DUMMY;
      }
    }

    static final class Edge {
      final LNode src;
      final LNode dst;
      final List<String> columns = new ArrayList<>();
      final List<LNode> chain = new ArrayList<>();
      String label = "";

      Edge(LNode src, LNode dst) {
        this.src = src;
        this.dst = dst;
      }
    }

    static final class Seg {
      final Edge edge;
      final LNode from;
      final LNode to;
      double fromOff;
      double toOff;

      Seg(Edge edge, LNode from, LNode to) {
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
    final List<LNode> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final List<List<LNode>> layers = new ArrayList<>();
    double[] layerX;
    double[] layerW;
    double[] curveW;
    double width;
    double height;

    Layout(PipelineGraph g) {
      this.g = g;
      build();
      order();
      size();
      ports();
      place();
    }

    // ---- structure ---------------------------------------------------------------------------

    private void build() {
      LNode raw = new LNode(Kind.RAW, -1);
      raw.layer = 0;
      nodes.add(raw);
      List<LNode> stageNodes = new ArrayList<>();
      int maxLayer = 0;
      for (int i = 0; i < g.stages().size(); i++) {
        Node s = g.stages().get(i);
        LNode n = new LNode(g.isModel(i) ? Kind.MODEL : Kind.TRANSFORM, i);
        Map<Integer, Edge> bySource = new LinkedHashMap<>();
        for (String col : s.inputs()) {
          int src = g.sourceOf(i, col);
          Edge e = bySource.computeIfAbsent(src,
              k -> new Edge(k < 0 ? raw : stageNodes.get(k), n));
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
        LNode last = stageNodes.get(stageNodes.size() - 1);
        LNode output = new LNode(Kind.OUTPUT, -1);
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
      for (LNode n : nodes) {
        layers.get(n.layer).add(n);
      }
      for (Edge e : edges) { // split long edges with one dummy per intermediate layer
        e.chain.add(e.src);
        for (int l = e.src.layer + 1; l < e.dst.layer; l++) {
          LNode d = new LNode(Kind.DUMMY, -1);
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
      for (List<LNode> layer : layers) {
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
        List<LNode> layer = layers.get(l);
        Map<LNode, Double> key = new HashMap<>();
        for (LNode n : layer) {
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

    // ---- sizes and content -------------------------------------------------------------------

    private void size() {
      layerW = new double[layers.size()];
      for (LNode n : nodes) {
        n.contentW = desiredWidth(n);
      }
      for (int l = 0; l < layers.size(); l++) {
        double w = 0;
        for (LNode n : layers.get(l)) {
          if (!n.dummy() && n.kind != Kind.OUTPUT) {
            w = Math.max(w, n.contentW);
          }
        }
        for (LNode n : layers.get(l)) {
          if (n.kind == Kind.OUTPUT) {
            w = Math.max(w, n.contentW);
          }
        }
        layerW[l] = w;
      }
      for (LNode n : nodes) {
        n.w = n.kind == Kind.OUTPUT ? n.contentW : layerW[n.layer];
        content(n);
      }
      for (Edge e : edges) {
        boolean plainPrediction =
            e.dst.kind == Kind.OUTPUT && e.columns.equals(List.of("prediction"));
        e.label = plainPrediction ? "" : label(e.columns, LABEL_MAX, LABEL_FS);
      }
    }

    private double desiredWidth(LNode n) {
      switch (n.kind) {
        case RAW -> {
          double w = Svg.width("raw inputs", 13, true);
          for (Group gr : collapse(g.inputs())) {
            w = Math.max(w, Svg.width(gr.label, 11, false));
          }
          return clamp(w + 2 * PAD_X, MIN_W - 10, MAX_W - 30);
        }
        case OUTPUT -> {
          double w = Svg.width("prediction", 12, true);
          if (g.target() != null) {
            w = Math.max(w, Svg.width(g.target(), 11, false));
          }
          return clamp(w + 2 * PAD_X + 8, 100, 180);
        }
        case DUMMY -> {
          return 0;
        }
        default -> {
          Node s = g.stages().get(n.stage);
          String badge = n.kind == Kind.MODEL ? "MODEL" : "TRANSFORM";
          double w = Svg.width(s.name(), 13, true) + 10 + Svg.width(badge, 9, true);
          w = Math.max(w, Svg.width(s.type(), 11, false));
          w = Math.max(w, Math.min(Svg.width(s.summary(), 11, false), 220));
          if (n.kind == Kind.MODEL && g.target() != null) {
            w = Math.max(w, Svg.width("target: " + g.target(), 11, true));
          }
          return clamp(w + 2 * PAD_X + 2, MIN_W, MAX_W); // +2: rounding slack
        }
      }
    }

    private static double clamp(double v, double lo, double hi) {
      return Math.max(lo, Math.min(hi, v));
    }

    private void content(LNode n) {
      double inner = n.w - 2 * PAD_X;
      switch (n.kind) {
        case RAW -> {
          n.lines.add(new Line("raw inputs", 13, true, INK, 21));
          int cols = g.inputs().size();
          n.lines.add(new Line(cols + (cols == 1 ? " column" : " columns"), 11, false, MUTED, 37));
          n.separator = 47;
          List<Group> groups = collapse(g.inputs());
          double y = 63;
          int shownCols = 0;
          int max = groups.size() > RAW_LINES ? RAW_LINES - 1 : groups.size();
          for (int i = 0; i < max; i++) {
            n.lines.add(new Line(Svg.fit(groups.get(i).label, inner, 11, false), 11, false,
                INK, y));
            shownCols += groups.get(i).count;
            y += 15;
          }
          if (max < groups.size()) {
            n.lines.add(new Line("+" + (cols - shownCols) + " more", 11, false, MUTED, y));
            y += 15;
          }
          n.h = Math.max(y - 4, 56);
          n.tooltip = "raw inputs (" + cols + "): " + String.join(", ", g.inputs());
        }
        case OUTPUT -> {
          boolean hasTarget = g.target() != null;
          n.lines.add(new Line("prediction", 12, true, "#1e5c38", hasTarget ? 20 : 24));
          if (hasTarget) {
            n.lines.add(new Line(Svg.fit(g.target(), inner, 11, false), 11, false, "#3f6e52",
                35));
          }
          n.h = hasTarget ? 46 : 40;
          n.tooltip = "prediction" + (hasTarget ? " of " + g.target() : "");
        }
        case DUMMY -> n.h = 0;
        default -> {
          Node s = g.stages().get(n.stage);
          boolean model = n.kind == Kind.MODEL;
          n.badge = model ? "MODEL" : "TRANSFORM";
          double badgeW = Svg.width(n.badge, 9, true) + 10;
          n.lines.add(new Line(Svg.fit(s.name(), inner - badgeW, 13, true), 13, true, INK, 21));
          double y = 21;
          if (!s.type().isEmpty()) {
            y += 16;
            n.lines.add(new Line(Svg.fit(s.type(), inner, 11, false), 11, false, MUTED, y));
          }
          List<String> summary = s.summary().isBlank() ? List.of()
              : Svg.wrap(s.summary(), inner, 11, 2);
          if (!summary.isEmpty()) {
            y += 4;
          }
          for (String line : summary) {
            y += 15;
            n.lines.add(new Line(line, 11, false, "#374151", y));
          }
          n.separator = y + 10;
          y += 10;
          String io = s.inputs().size() + " \u2192 "
              + (s.outputs().isEmpty() && model ? "prediction"
                  : s.outputs().size() + (s.outputs().size() == 1 ? " column" : " columns"));
          if (model) {
            if (g.target() != null) {
              y += 17;
              n.lines.add(new Line(Svg.fit("target: " + g.target(), inner, 11, true), 11, true,
                  "#8a5a12", y));
            }
            y += 15;
            String feats = s.inputs().size() + (s.inputs().size() == 1 ? " feature" : " features");
            n.lines.add(new Line(feats, 10.5, false, MUTED, y));
          } else {
            y += 16;
            n.lines.add(new Line(io, 10.5, false, MUTED, y));
          }
          n.h = y + 11;
          n.tooltip = s.name() + (s.type().isEmpty() ? "" : " (" + s.type() + ")")
              + (s.summary().isEmpty() ? "" : "\n" + s.summary())
              + "\ninputs (" + s.inputs().size() + "): " + String.join(", ", s.inputs())
              + "\noutputs (" + s.outputs().size() + "): " + String.join(", ", s.outputs());
        }
      }
    }

    // ---- ports and positions -----------------------------------------------------------------

    private void ports() {
      for (LNode n : nodes) {
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

    private double gapAfter(LNode a, LNode b) {
      return a.dummy() || b.dummy() ? DUMMY_GAP : NODE_GAP;
    }

    private void place() {
      // initial stacking
      for (List<LNode> layer : layers) {
        double y = 0;
        for (int k = 0; k < layer.size(); k++) {
          LNode n = layer.get(k);
          n.y = y;
          y += n.h + (k + 1 < layer.size() ? gapAfter(n, layer.get(k + 1)) : 0);
        }
        double shift = -y / 2; // centre every layer on 0
        for (LNode n : layer) {
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
      for (List<LNode> layer : layers) {
        for (LNode n : layer) {
          minY = Math.min(minY, n.y);
          maxY = Math.max(maxY, n.y + n.h);
        }
      }
      double top = MARGIN + HEADER;
      for (List<LNode> layer : layers) {
        for (LNode n : layer) {
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
          for (LNode n : layers.get(l)) {
            for (Seg s : n.in) {
              maxDy = Math.max(maxDy, Math.abs(s.y2() - s.y1()));
              if (!n.dummy() && !s.edge.label.isEmpty()) {
                maxLabel = Math.max(maxLabel,
                    Svg.width(s.edge.label, LABEL_FS, false) + 2 * PILL_PAD);
              }
            }
          }
          curveW[l] = maxDy < 0.5 ? 10 : clamp(maxDy * 0.3, 32, 96); // straight edges need none
          double labelZone = Math.max(40, maxLabel + 20) + ARROW;
          x += curveW[l] + labelZone;
        }
        layerX[l] = x;
        for (LNode n : layers.get(l)) {
          n.x = x;
        }
        x += layerW[l];
      }
      width = Math.ceil(x + MARGIN);
      height = Math.ceil(maxY - minY + top + MARGIN);
      // the header must fit too
      width = Math.max(width, Math.ceil(Svg.width(header(), 12, false) + 2 * MARGIN));
    }

    /**
     * Moves the nodes of one layer towards the ports they connect to (dir 1: predecessors, -1:
     * successors, 0: both), keeping their order and spacing (isotonic regression, pool adjacent
     * violators).
     */
    private void relax(List<LNode> layer, int dir) {
      int m = layer.size();
      if (m == 0) {
        return;
      }
      double[] offset = new double[m];
      double[] target = new double[m];
      for (int k = 0; k < m; k++) {
        LNode n = layer.get(k);
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

    // ---- rendering ---------------------------------------------------------------------------

    private String header() {
      StringBuilder sb = new StringBuilder("Pipeline \u00b7 ");
      int s = g.stages().size();
      sb.append(s).append(s == 1 ? " stage" : " stages").append(" \u00b7 ")
          .append(g.inputs().size())
          .append(g.inputs().size() == 1 ? " input column" : " input columns");
      if (g.target() != null) {
        sb.append(" \u00b7 target ").append(Html.truncate(g.target(), 40));
      }
      return sb.toString();
    }

    String render() {
      StringBuilder sb = new StringBuilder(8192);
      String w = Svg.n(width);
      String h = Svg.n(height);
      sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
          .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ')
          .append(h).append("\" font-family=\"").append(Svg.FONT)
          .append("\" role=\"img\">\n");
      sb.append("<title>").append(esc(g.toText())).append("</title>\n");
      sb.append("<rect x=\"0.5\" y=\"0.5\" width=\"").append(Svg.n(width - 1))
          .append("\" height=\"").append(Svg.n(height - 1))
          .append("\" rx=\"10\" fill=\"#fcfcfd\" stroke=\"#e3e6eb\"/>\n");
      sb.append("<text x=\"").append(Svg.n(MARGIN)).append("\" y=\"").append(Svg.n(MARGIN + 9))
          .append("\" font-size=\"12\" fill=\"").append(MUTED).append("\">")
          .append(esc(header())).append("</text>\n");
      sb.append("<g fill=\"none\" stroke=\"").append(EDGE).append("\" stroke-linecap=\"round\">\n");
      for (Edge e : edges) {
        renderEdge(sb, e);
      }
      sb.append("</g>\n");
      for (Edge e : edges) {
        renderArrowAndLabel(sb, e);
      }
      for (List<LNode> layer : layers) {
        for (LNode n : layer) {
          if (!n.dummy()) {
            renderNode(sb, n);
          }
        }
      }
      sb.append("</svg>\n");
      return sb.toString();
    }

    private static String esc(String s) {
      return Html.escape(s);
    }

    private double strokeWidth(Edge e) {
      int c = Math.max(1, e.columns.size());
      return Math.min(3.4, 1.2 + 0.4 * (Math.log(c) / Math.log(2)));
    }

    private void renderEdge(StringBuilder sb, Edge e) {
      StringBuilder d = new StringBuilder();
      for (int k = 0; k + 1 < e.chain.size(); k++) {
        LNode a = e.chain.get(k);
        LNode b = e.chain.get(k + 1);
        Seg s = null;
        for (Seg sg : a.out) {
          if (sg.to == b && sg.edge == e) {
            s = sg;
          }
        }
        double x1 = a.dummy() ? layerX[a.layer] + layerW[a.layer] : a.x + a.w;
        double y1 = s.y1();
        double x2 = b.dummy() ? layerX[b.layer] : b.x - (b.dummy() ? 0 : ARROW - 0.5);
        double y2 = s.y2();
        if (k == 0) {
          d.append('M').append(Svg.n(x1)).append(' ').append(Svg.n(y1));
        } else {
          d.append(" L").append(Svg.n(x1)).append(' ').append(Svg.n(y1));
        }
        double cw = curveW[b.layer];
        if (Math.abs(y2 - y1) < 0.5) {
          d.append(" L").append(Svg.n(x2)).append(' ').append(Svg.n(y2));
        } else {
          double mid = x1 + cw / 2;
          d.append(" C").append(Svg.n(mid)).append(' ').append(Svg.n(y1)).append(' ')
              .append(Svg.n(mid)).append(' ').append(Svg.n(y2)).append(' ')
              .append(Svg.n(x1 + cw)).append(' ').append(Svg.n(y2));
          d.append(" L").append(Svg.n(x2)).append(' ').append(Svg.n(y2));
        }
      }
      sb.append("<path d=\"").append(d).append("\" stroke-width=\"")
          .append(Svg.n(strokeWidth(e))).append("\"><title>")
          .append(esc(e.columns.size() + (e.columns.size() == 1 ? " column: " : " columns: ")
              + Html.truncate(String.join(", ", e.columns), 1500)))
          .append("</title></path>\n");
    }

    private void renderArrowAndLabel(StringBuilder sb, Edge e) {
      LNode dst = e.dst;
      Seg last = dst.in.stream().filter(s -> s.edge == e).findFirst().orElseThrow();
      double y = last.y2();
      double tipX = dst.x;
      sb.append("<path d=\"M").append(Svg.n(tipX - ARROW - 1)).append(' ')
          .append(Svg.n(y - 4.5)).append(" L").append(Svg.n(tipX)).append(' ').append(Svg.n(y))
          .append(" L").append(Svg.n(tipX - ARROW - 1)).append(' ').append(Svg.n(y + 4.5))
          .append(" Z\" fill=\"").append(EDGE).append("\"/>\n");
      if (e.label.isEmpty()) {
        return;
      }
      int l = dst.layer;
      double zoneL = layerX[l - 1] + layerW[l - 1] + curveW[l];
      double zoneR = tipX - ARROW;
      double tw = Svg.width(e.label, LABEL_FS, false);
      double pw = tw + 2 * PILL_PAD;
      double cx = (zoneL + zoneR) / 2;
      sb.append("<g><title>").append(esc(e.columns.size()
              + (e.columns.size() == 1 ? " column: " : " columns: ")
              + Html.truncate(String.join(", ", e.columns), 1500))).append("</title>");
      sb.append("<rect x=\"").append(Svg.n(cx - pw / 2)).append("\" y=\"")
          .append(Svg.n(y - PILL_H / 2)).append("\" width=\"").append(Svg.n(pw))
          .append("\" height=\"").append(Svg.n(PILL_H))
          .append("\" rx=\"9\" fill=\"#ffffff\" stroke=\"#d3d8e0\"/>");
      sb.append("<text x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(y + 3.6))
          .append("\" font-size=\"").append(Svg.n(LABEL_FS))
          .append("\" text-anchor=\"middle\" fill=\"#404958\">").append(esc(e.label))
          .append("</text></g>\n");
    }

    private void renderNode(StringBuilder sb, LNode n) {
      String fill;
      String stroke;
      String accent;
      switch (n.kind) {
        case RAW -> {
          fill = "#f3f4f6";
          stroke = "#b3bac5";
          accent = "#6b7280";
        }
        case MODEL -> {
          fill = "#fff4e0";
          stroke = "#e2a64c";
          accent = "#a8640f";
        }
        case OUTPUT -> {
          fill = "#e6f5ec";
          stroke = "#72c191";
          accent = "#2f7a4d";
        }
        default -> {
          fill = "#eaf2fc";
          stroke = "#86acdc";
          accent = "#3b6bb0";
        }
      }
      double rx = n.kind == Kind.OUTPUT ? n.h / 2 : 8;
      sb.append("<g><title>").append(esc(Html.truncate(n.tooltip, 2000))).append("</title>");
      sb.append("<rect x=\"").append(Svg.n(n.x)).append("\" y=\"").append(Svg.n(n.y))
          .append("\" width=\"").append(Svg.n(n.w)).append("\" height=\"").append(Svg.n(n.h))
          .append("\" rx=\"").append(Svg.n(rx)).append("\" fill=\"").append(fill)
          .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.2\"/>");
      if (n.separator > 0) {
        sb.append("<line x1=\"").append(Svg.n(n.x + PAD_X)).append("\" y1=\"")
            .append(Svg.n(n.y + n.separator)).append("\" x2=\"").append(Svg.n(n.x + n.w - PAD_X))
            .append("\" y2=\"").append(Svg.n(n.y + n.separator)).append("\" stroke=\"")
            .append(stroke).append("\" stroke-opacity=\"0.6\"/>");
      }
      if (!n.badge.isEmpty()) {
        sb.append("<text x=\"").append(Svg.n(n.x + n.w - PAD_X)).append("\" y=\"")
            .append(Svg.n(n.y + 19)).append("\" font-size=\"9\" font-weight=\"600\" ")
            .append("letter-spacing=\"0.5\" text-anchor=\"end\" fill=\"").append(accent)
            .append("\">").append(n.badge).append("</text>");
      }
      boolean centered = n.kind == Kind.OUTPUT;
      for (Line line : n.lines) {
        sb.append("<text x=\"").append(Svg.n(centered ? n.x + n.w / 2 : n.x + PAD_X))
            .append("\" y=\"").append(Svg.n(n.y + line.baseline())).append("\" font-size=\"")
            .append(Svg.n(line.size())).append('"');
        if (line.bold()) {
          sb.append(" font-weight=\"600\"");
        }
        if (centered) {
          sb.append(" text-anchor=\"middle\"");
        }
        sb.append(" fill=\"").append(line.color()).append("\">").append(esc(line.text()))
            .append("</text>");
      }
      sb.append("</g>\n");
    }
  }
}
