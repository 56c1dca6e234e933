package org.bighead.widgets;

import java.util.List;
import org.bighead.pipeline.viz.Html;

/**
 * An inline SVG line chart of training metrics against the step, as HTML: a legend with each series' latest value,
 * then one polyline per series on a shared y axis, with the minimum and maximum labelled on both axes. Text takes
 * the page's color, so it reads on light and dark themes. A pure function of its input.
 */
final class LineChart {
    static final int WIDTH = 560;
    static final int HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int RIGHT = 14;
    private static final int TOP = 10;
    private static final int BOTTOM = 26;
    /** Plot width in pixels: more points than twice this add nothing to a line. */
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;

    private static final String[] COLORS = {
        "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"
    }; // Vega's tableau10, as the Vega-Lite charts use
    private static final String AXIS = "stroke=\"rgba(128,128,128,0.6)\" stroke-width=\"1\"";

    /**
     * One series to draw.
     *
     * @param name   the metric, e.g. "train-rmse"
     * @param steps  x of each point
     * @param values y of each point (non-finite ones are skipped)
     * @param latest the series' latest value, for the legend
     */
    record Line(String name, int[] steps, double[] values, double latest) {}

    private LineChart() {}

    /** The chart of {@code lines} with steps {@code firstStep} to {@code lastStep} across; {@code empty} if none. */
    static String html(List<Line> lines, int firstStep, int lastStep, String empty) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<div class=\"bh-training-chart\" style=\"font-family:system-ui,-apple-system,'Segoe UI',")
                .append("Roboto,Arial,sans-serif;font-size:12px;color:inherit\">");
        legend(html, lines);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (double v : line.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" style=\"display:block;font-size:11px\"><title>training curve</title>");
        int bottom = HEIGHT - BOTTOM;
        html.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" x2=\"")
                .append(LEFT)
                .append("\" y2=\"")
                .append(bottom)
                .append("\" ")
                .append(AXIS)
                .append("/>");
        html.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(bottom)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(bottom)
                .append("\" ")
                .append(AXIS)
                .append("/>");
        int x0 = firstStep;
        int x1 = Math.max(lastStep, firstStep + 1);
        text(html, LEFT, HEIGHT - 8, "start", String.valueOf(x0));
        text(html, WIDTH - RIGHT, HEIGHT - 8, "end", String.valueOf(x1));
        text(html, LEFT + PLOT_WIDTH / 2, HEIGHT - 8, "middle", "step");
        if (lo > hi) {
            text(html, LEFT + PLOT_WIDTH / 2, (TOP + bottom) / 2, "middle", empty);
            return html.append("</svg></div>").toString();
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        text(html, LEFT - 6, TOP + 4, "end", Html.formatNumber(hi, 4));
        text(html, LEFT - 6, bottom, "end", Html.formatNumber(lo, 4));
        // points in tenths of a pixel, as whole numbers: smooth lines, and cheap to write and to send
        double sx = 10.0 * PLOT_WIDTH / (x1 - x0);
        double sy = 10.0 * (bottom - TOP) / (hi - lo);
        html.append("<g transform=\"scale(0.1)\">");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String color = COLORS[i % COLORS.length];
            html.append("<polyline class=\"bh-series\" data-series=\"")
                    .append(Html.escape(line.name()))
                    .append("\" fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"15\" stroke-linejoin=\"round\" points=\"");
            long lastX = -1;
            long lastY = -1;
            for (int p = 0; p < line.values().length; p++) {
                double v = line.values()[p];
                if (!Double.isFinite(v)) {
                    continue;
                }
                lastX = Math.round(10 * LEFT + (line.steps()[p] - x0) * sx);
                lastY = Math.round(10 * bottom - (v - lo) * sy);
                html.append(lastX).append(',').append(lastY).append(' ');
            }
            html.append("\"/>");
            if (lastX >= 0) {
                html.append("<circle cx=\"")
                        .append(lastX)
                        .append("\" cy=\"")
                        .append(lastY)
                        .append("\" r=\"25\" fill=\"")
                        .append(color)
                        .append("\"/>");
            }
        }
        return html.append("</g></svg></div>").toString();
    }

    private static void legend(StringBuilder html, List<Line> lines) {
        html.append("<div style=\"display:flex;flex-wrap:wrap;gap:4px 14px;margin:2px 0 2px 4px\">");
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            html.append("<span><span style=\"display:inline-block;width:10px;height:3px;vertical-align:middle;")
                    .append("margin-right:5px;background:")
                    .append(COLORS[i % COLORS.length])
                    .append("\"></span>")
                    .append(Html.escape(line.name()))
                    .append(" <b style=\"font-variant-numeric:tabular-nums\">")
                    .append(Html.formatNumber(line.latest(), 4))
                    .append("</b></span>");
        }
        html.append("</div>");
    }

    private static void text(StringBuilder html, int x, int y, String anchor, String text) {
        html.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"currentColor\" fill-opacity=\"0.75\">")
                .append(Html.escape(text))
                .append("</text>");
    }
}
