package org.bighead.pipeline.viz;

import static org.bighead.pipeline.viz.GraphLayout.clamp;

import java.util.List;
import org.bighead.pipeline.viz.ColumnLabels.Group;
import org.bighead.pipeline.viz.GraphLayout.Box;
import org.bighead.pipeline.viz.GraphLayout.Kind;
import org.bighead.pipeline.viz.GraphLayout.Line;

/**
 * What each box of a pipeline's drawing says, and so how big it is: the raw inputs with their
 * columns, a stage with its name, badge, type, summary and columns in and out (the model with its
 * target and feature count), and the prediction.
 */
final class NodeBoxes {
    static final double PAD_X = 12;
    static final double MIN_W = 150;
    static final double MAX_W = 250;
    static final int RAW_LINES = 10;
    static final String INK = "#1f2937";
    static final String MUTED = "#5b6472";

    private final PipelineGraph g;

    NodeBoxes(PipelineGraph g) {
        this.g = g;
    }

    /** The line above the drawing: stages, input columns and target. */
    static String header(PipelineGraph g) {
        StringBuilder sb = new StringBuilder("Pipeline \u00b7 ");
        int s = g.stages().size();
        sb.append(s)
                .append(s == 1 ? " stage" : " stages")
                .append(" \u00b7 ")
                .append(g.inputs().size())
                .append(g.inputs().size() == 1 ? " input column" : " input columns");
        if (g.target() != null) {
            sb.append(" \u00b7 target ").append(Html.truncate(g.target(), 40));
        }
        return sb.toString();
    }

    /** The width {@code n}'s text asks for, within the limits of its kind. */
    double desiredWidth(Box n) {
        switch (n.kind) {
            case RAW -> {
                double w = TextMetrics.width("raw inputs", 13, true);
                for (Group gr : ColumnLabels.collapse(g.inputs())) {
                    w = Math.max(w, TextMetrics.width(gr.label(), 11, false));
                }
                return clamp(w + 2 * PAD_X, MIN_W - 10, MAX_W - 30);
            }
            case OUTPUT -> {
                double w = TextMetrics.width("prediction", 12, true);
                if (g.target() != null) {
                    w = Math.max(w, TextMetrics.width(g.target(), 11, false));
                }
                return clamp(w + 2 * PAD_X + 8, 100, 180);
            }
            case DUMMY -> {
                return 0;
            }
            default -> {
                PipelineGraph.Node s = g.stages().get(n.stage);
                String badge = n.kind == Kind.MODEL ? "MODEL" : "TRANSFORM";
                double w = TextMetrics.width(s.name(), 13, true) + 10 + TextMetrics.width(badge, 9, true);
                w = Math.max(w, TextMetrics.width(s.type(), 11, false));
                w = Math.max(w, Math.min(TextMetrics.width(s.summary(), 11, false), 220));
                if (n.kind == Kind.MODEL && g.target() != null) {
                    w = Math.max(w, TextMetrics.width("target: " + g.target(), 11, true));
                }
                return clamp(w + 2 * PAD_X + 2, MIN_W, MAX_W); // +2: rounding slack
            }
        }
    }

    /** Fills {@code n} (its width already set) with its lines, badge and tooltip, and sets its height. */
    void fill(Box n) {
        double inner = n.w - 2 * PAD_X;
        switch (n.kind) {
            case RAW -> {
                n.lines.add(new Line("raw inputs", 13, true, INK, 21));
                int cols = g.inputs().size();
                n.lines.add(new Line(cols + (cols == 1 ? " column" : " columns"), 11, false, MUTED, 37));
                n.separator = 47;
                List<Group> groups = ColumnLabels.collapse(g.inputs());
                double y = 63;
                int shownCols = 0;
                int max = groups.size() > RAW_LINES ? RAW_LINES - 1 : groups.size();
                for (int i = 0; i < max; i++) {
                    n.lines.add(new Line(TextMetrics.fit(groups.get(i).label(), inner, 11, false), 11, false, INK, y));
                    shownCols += groups.get(i).count();
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
                    n.lines.add(new Line(TextMetrics.fit(g.target(), inner, 11, false), 11, false, "#3f6e52", 35));
                }
                n.h = hasTarget ? 46 : 40;
                n.tooltip = "prediction" + (hasTarget ? " of " + g.target() : "");
            }
            case DUMMY -> n.h = 0;
            default -> fillStage(n, inner);
        }
    }

    /** How many of {@code columns} are families of columns not yet known ("amenities#*", before fitting). */
    private static int families(List<String> columns) {
        return (int) columns.stream().filter(c -> c.endsWith("*")).count();
    }

    /** "3 columns", or "2 columns + 1 family" when some are families known only after fitting. */
    private static String count(List<String> columns, String one, String many) {
        int fam = families(columns);
        int plain = columns.size() - fam;
        String text = plain + " " + (plain == 1 ? one : many);
        if (fam == 0) {
            return text;
        }
        String f = fam + (fam == 1 ? " family" : " families");
        return plain == 0 ? f : text + " + " + f;
    }

    private void fillStage(Box n, double inner) {
        PipelineGraph.Node s = g.stages().get(n.stage);
        boolean model = n.kind == Kind.MODEL;
        n.badge = model ? "MODEL" : "TRANSFORM";
        double badgeW = TextMetrics.width(n.badge, 9, true) + 10;
        n.lines.add(new Line(TextMetrics.fit(s.name(), inner - badgeW, 13, true), 13, true, INK, 21));
        double y = 21;
        if (!s.type().isEmpty()) {
            y += 16;
            n.lines.add(new Line(TextMetrics.fit(s.type(), inner, 11, false), 11, false, MUTED, y));
        }
        List<String> summary = s.summary().isBlank() ? List.of() : TextMetrics.wrap(s.summary(), inner, 11, 2);
        if (!summary.isEmpty()) {
            y += 4;
        }
        for (String line : summary) {
            y += 15;
            n.lines.add(new Line(line, 11, false, "#374151", y));
        }
        n.separator = y + 10;
        y += 10;
        boolean families = families(s.inputs()) + families(s.outputs()) > 0;
        String io = (families
                        ? count(s.inputs(), "column", "columns")
                        : String.valueOf(s.inputs().size()))
                + " \u2192 "
                + (s.outputs().isEmpty() && model ? "prediction" : count(s.outputs(), "column", "columns"));
        if (model) {
            if (g.target() != null) {
                y += 17;
                n.lines.add(
                        new Line(TextMetrics.fit("target: " + g.target(), inner, 11, true), 11, true, "#8a5a12", y));
            }
            y += 15;
            String feats = count(s.inputs(), "feature", "features");
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
