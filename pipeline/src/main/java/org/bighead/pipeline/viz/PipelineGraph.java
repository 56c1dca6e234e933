package org.bighead.pipeline.viz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param stages the stages in execution order; the pipeline's model among them is marked {@link Node#model()}
 */
public record PipelineGraph(List<String> inputs, String target, List<Node> stages) implements Displayable {
    /** The input an unfitted pipeline's model also gets when no step named the columns it keeps. */
    public static final String OTHER_COLUMNS = "other columns of the table";

    /**
     * One stage.
     *
     * @param name the stage's name, e.g. "impute"
     * @param type what kind of stage it is, e.g. "median-imputer" or "xgboost-regressor"
     * @param inputs columns it reads
     * @param outputs columns it writes (for the model: its prediction column(s), or empty)
     * @param summary a short description of what it learned, e.g. "median: bedrooms=2.0"
     * @param model whether it is the pipeline's model (drawn as such), as the pipeline knows it
     */
    public record Node(
            String name, String type, List<String> inputs, List<String> outputs, String summary, boolean model) {
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

    /** Whether stage {@code i} is the model (as the pipeline that made the graph says). */
    public boolean isModel(int i) {
        return stages.get(i).model();
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
        sb.append(inputs.size())
                .append(inputs.size() == 1 ? " input" : " inputs")
                .append(" \u2192 ")
                .append(stages.size())
                .append(stages.size() == 1 ? " stage" : " stages");
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
            sb.append("  ")
                    .append(ColumnLabels.plain(n.inputs(), 60))
                    .append(" \u2192 ")
                    .append(
                            n.outputs().isEmpty()
                                    ? (isModel(i) ? "prediction" : "\u2205")
                                    : ColumnLabels.plain(n.outputs(), 60));
            if (!n.summary().isEmpty()) {
                sb.append("  | ").append(Html.truncate(n.summary().replace('\n', ' '), 80));
            }
        }
        return sb.toString();
    }

    /**
     * A standalone SVG document of the pipeline: a left-to-right layered diagram with a box for the
     * raw inputs, one box per stage (name, type, summary), the prediction, and arrows labelled with
     * the columns they carry. Deterministic: the same graph always gives the same bytes. (Laid out by
     * {@code GraphLayout}, with the boxes' text from {@code NodeBoxes} measured by {@code TextMetrics},
     * and drawn by {@code GraphSvg}.)
     */
    public String toSvg() {
        return GraphSvg.render(new GraphLayout(this));
    }
}
