package org.bighead.pipeline.viz;

import static org.bighead.pipeline.viz.GraphLayout.ARROW;
import static org.bighead.pipeline.viz.GraphLayout.LABEL_FS;
import static org.bighead.pipeline.viz.GraphLayout.MARGIN;
import static org.bighead.pipeline.viz.GraphLayout.PILL_PAD;
import static org.bighead.pipeline.viz.NodeBoxes.MUTED;
import static org.bighead.pipeline.viz.NodeBoxes.PAD_X;

import java.util.List;
import org.bighead.pipeline.viz.GraphLayout.Box;
import org.bighead.pipeline.viz.GraphLayout.Edge;
import org.bighead.pipeline.viz.GraphLayout.Kind;
import org.bighead.pipeline.viz.GraphLayout.Line;
import org.bighead.pipeline.viz.GraphLayout.Seg;

/**
 * Draws a {@link GraphLayout} as a standalone SVG document: the header, the edges (curves with
 * arrows and column labels in pills), then the boxes with their text; every name escaped, nothing
 * loaded from outside. Coordinates have at most one decimal, so the same layout always gives the
 * same bytes.
 */
final class GraphSvg {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
            + "Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif";
    private static final String EDGE = "#8b95a5";
    private static final double PILL_H = 18;

    private final GraphLayout layout;

    private GraphSvg(GraphLayout layout) {
        this.layout = layout;
    }

    /** The SVG document of {@code layout}. */
    static String render(GraphLayout layout) {
        return new GraphSvg(layout).render();
    }

    private String render() {
        double width = layout.width;
        double height = layout.height;
        StringBuilder sb = new StringBuilder(8192);
        String w = n(width);
        String h = n(height);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(h)
                .append("\" font-family=\"")
                .append(FONT)
                // scales down to the cell's width (the viewBox keeps its proportions) rather than running off it
                .append("\" style=\"max-width:100%;height:auto\" role=\"img\">\n");
        sb.append("<title>").append(esc(layout.g.toText())).append("</title>\n");
        sb.append("<rect x=\"0.5\" y=\"0.5\" width=\"")
                .append(n(width - 1))
                .append("\" height=\"")
                .append(n(height - 1))
                .append("\" rx=\"10\" fill=\"#fcfcfd\" stroke=\"#e3e6eb\"/>\n");
        sb.append("<text x=\"")
                .append(n(MARGIN))
                .append("\" y=\"")
                .append(n(MARGIN + 9))
                .append("\" font-size=\"12\" fill=\"")
                .append(MUTED)
                .append("\">")
                .append(esc(NodeBoxes.header(layout.g)))
                .append("</text>\n");
        sb.append("<g fill=\"none\" stroke=\"").append(EDGE).append("\" stroke-linecap=\"round\">\n");
        for (Edge e : layout.edges) {
            edge(sb, e);
        }
        sb.append("</g>\n");
        for (Edge e : layout.edges) {
            arrowAndLabel(sb, e);
        }
        for (List<Box> layer : layout.layers) {
            for (Box b : layer) {
                if (!b.dummy()) {
                    box(sb, b);
                }
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** A coordinate with at most one decimal, no trailing ".0" (locale-independent). */
    static String n(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) {
            return Long.toString(tenths / 10);
        }
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    private static String esc(String s) {
        return Html.escape(s);
    }

    private static double strokeWidth(Edge e) {
        int c = Math.max(1, e.columns.size());
        return Math.min(3.4, 1.2 + 0.4 * (Math.log(c) / Math.log(2)));
    }

    private static String columnsTitle(Edge e) {
        return e.columns.size()
                + (e.columns.size() == 1 ? " column: " : " columns: ")
                + Html.truncate(String.join(", ", e.columns), 1500);
    }

    private void edge(StringBuilder sb, Edge e) {
        StringBuilder d = new StringBuilder();
        for (int k = 0; k + 1 < e.chain.size(); k++) {
            Box a = e.chain.get(k);
            Box b = e.chain.get(k + 1);
            Seg s = null;
            for (Seg sg : a.out) {
                if (sg.to == b && sg.edge == e) {
                    s = sg;
                }
            }
            double x1 = a.dummy() ? layout.layerX[a.layer] + layout.layerW[a.layer] : a.x + a.w;
            double y1 = s.y1();
            double x2 = b.dummy() ? layout.layerX[b.layer] : b.x - (ARROW - 0.5);
            double y2 = s.y2();
            if (k == 0) {
                d.append('M').append(n(x1)).append(' ').append(n(y1));
            } else {
                d.append(" L").append(n(x1)).append(' ').append(n(y1));
            }
            double cw = layout.curveW[b.layer];
            if (Math.abs(y2 - y1) < 0.5) {
                d.append(" L").append(n(x2)).append(' ').append(n(y2));
            } else {
                double mid = x1 + cw / 2;
                d.append(" C")
                        .append(n(mid))
                        .append(' ')
                        .append(n(y1))
                        .append(' ')
                        .append(n(mid))
                        .append(' ')
                        .append(n(y2))
                        .append(' ')
                        .append(n(x1 + cw))
                        .append(' ')
                        .append(n(y2));
                d.append(" L").append(n(x2)).append(' ').append(n(y2));
            }
        }
        sb.append("<path d=\"")
                .append(d)
                .append("\" stroke-width=\"")
                .append(n(strokeWidth(e)))
                .append("\"><title>")
                .append(esc(columnsTitle(e)))
                .append("</title></path>\n");
    }

    private void arrowAndLabel(StringBuilder sb, Edge e) {
        Box dst = e.dst;
        Seg last = dst.in.stream().filter(s -> s.edge == e).findFirst().orElseThrow();
        double y = last.y2();
        double tipX = dst.x;
        sb.append("<path d=\"M")
                .append(n(tipX - ARROW - 1))
                .append(' ')
                .append(n(y - 4.5))
                .append(" L")
                .append(n(tipX))
                .append(' ')
                .append(n(y))
                .append(" L")
                .append(n(tipX - ARROW - 1))
                .append(' ')
                .append(n(y + 4.5))
                .append(" Z\" fill=\"")
                .append(EDGE)
                .append("\"/>\n");
        if (e.label.isEmpty()) {
            return;
        }
        int l = dst.layer;
        double zoneL = layout.layerX[l - 1] + layout.layerW[l - 1] + layout.curveW[l];
        double zoneR = tipX - ARROW;
        double tw = TextMetrics.width(e.label, LABEL_FS, false);
        double pw = tw + 2 * PILL_PAD;
        double cx = (zoneL + zoneR) / 2;
        sb.append("<g><title>").append(esc(columnsTitle(e))).append("</title>");
        sb.append("<rect x=\"")
                .append(n(cx - pw / 2))
                .append("\" y=\"")
                .append(n(y - PILL_H / 2))
                .append("\" width=\"")
                .append(n(pw))
                .append("\" height=\"")
                .append(n(PILL_H))
                .append("\" rx=\"9\" fill=\"#ffffff\" stroke=\"#d3d8e0\"/>");
        sb.append("<text x=\"")
                .append(n(cx))
                .append("\" y=\"")
                .append(n(y + 3.6))
                .append("\" font-size=\"")
                .append(n(LABEL_FS))
                .append("\" text-anchor=\"middle\" fill=\"#404958\">")
                .append(esc(e.label))
                .append("</text></g>\n");
    }

    private void box(StringBuilder sb, Box b) {
        String fill;
        String stroke;
        String accent;
        switch (b.kind) {
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
        double rx = b.kind == Kind.OUTPUT ? b.h / 2 : 8;
        sb.append("<g");
        if (b.stage >= 0) { // the stage a click on the box chooses (PipelineView)
            sb.append(" data-stage=\"")
                    .append(esc(layout.g.stages().get(b.stage).name()))
                    .append('"');
        }
        sb.append("><title>").append(esc(Html.truncate(b.tooltip, 2000))).append("</title>");
        sb.append("<rect x=\"")
                .append(n(b.x))
                .append("\" y=\"")
                .append(n(b.y))
                .append("\" width=\"")
                .append(n(b.w))
                .append("\" height=\"")
                .append(n(b.h))
                .append("\" rx=\"")
                .append(n(rx))
                .append("\" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"1.2\"/>");
        if (b.separator > 0) {
            sb.append("<line x1=\"")
                    .append(n(b.x + PAD_X))
                    .append("\" y1=\"")
                    .append(n(b.y + b.separator))
                    .append("\" x2=\"")
                    .append(n(b.x + b.w - PAD_X))
                    .append("\" y2=\"")
                    .append(n(b.y + b.separator))
                    .append("\" stroke=\"")
                    .append(stroke)
                    .append("\" stroke-opacity=\"0.6\"/>");
        }
        if (!b.badge.isEmpty()) {
            sb.append("<text x=\"")
                    .append(n(b.x + b.w - PAD_X))
                    .append("\" y=\"")
                    .append(n(b.y + 19))
                    .append("\" font-size=\"9\" font-weight=\"600\" ")
                    .append("letter-spacing=\"0.5\" text-anchor=\"end\" fill=\"")
                    .append(accent)
                    .append("\">")
                    .append(b.badge)
                    .append("</text>");
        }
        boolean centered = b.kind == Kind.OUTPUT;
        for (Line line : b.lines) {
            sb.append("<text x=\"")
                    .append(n(centered ? b.x + b.w / 2 : b.x + PAD_X))
                    .append("\" y=\"")
                    .append(n(b.y + line.baseline()))
                    .append("\" font-size=\"")
                    .append(n(line.size()))
                    .append('"');
            if (line.bold()) {
                sb.append(" font-weight=\"600\"");
            }
            if (centered) {
                sb.append(" text-anchor=\"middle\"");
            }
            sb.append(" fill=\"")
                    .append(line.color())
                    .append("\">")
                    .append(esc(line.text()))
                    .append("</text>");
        }
        sb.append("</g>\n");
    }
}
