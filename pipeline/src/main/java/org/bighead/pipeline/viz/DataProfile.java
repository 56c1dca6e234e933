package org.bighead.pipeline.viz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * A per-column profile of a table: counts, missing values, moments and a histogram for numeric
 * columns, top values for categorical ones. A plain record, serializable with Jackson both ways.
 *
 * @param rows number of rows of the profiled table
 * @param columns one profile per column, in table order
 */
public record DataProfile(long rows, List<ColumnProfile> columns) implements Displayable {

    /** Number of bins of a numeric histogram (unless the values are small-range integers). */
    public static final int HISTOGRAM_BINS = 20;
    /** Number of top categories (or text tokens) kept per column. */
    public static final int TOP_CATEGORIES = 10;
    /** At most this many columns get a chart in {@link #toVegaLite()}. */
    public static final int MAX_CHARTS = 48;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    public DataProfile {
        columns = List.copyOf(columns);
    }

    /** Profiles every column of {@code table}. */
    public static DataProfile of(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("table is null");
        }
        List<ColumnProfile> cols = new ArrayList<>(table.columnCount());
        for (Column<?> c : table.columns()) {
            cols.add(profile(c));
        }
        return new DataProfile(table.rowCount(), cols);
    }

    /** The profile of {@code name}, or null. */
    public ColumnProfile column(String name) {
        for (ColumnProfile c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Profiling

    static ColumnProfile profile(Column<?> c) {
        String type = c.type().name();
        if (c instanceof NumericColumn<?> nc) {
            return numeric(nc, type);
        }
        if (c instanceof BooleanColumn bc) {
            return bool(bc, type);
        }
        if (c instanceof DateColumn
                || c instanceof DateTimeColumn
                || c instanceof InstantColumn
                || c instanceof TimeColumn) {
            return temporal(c, type);
        }
        return strings(c, type);
    }

    private static ColumnProfile numeric(NumericColumn<?> c, String type) {
        int n = c.size();
        double[] vals = new double[n];
        int k = 0;
        long missing = 0;
        long infinite = 0;
        for (int i = 0; i < n; i++) {
            if (c.isMissing(i)) {
                missing++;
                continue;
            }
            double v = c.getDouble(i);
            if (Double.isNaN(v)) {
                missing++;
            } else if (Double.isInfinite(v)) {
                infinite++;
            } else {
                vals[k++] = v;
            }
        }
        if (k == 0) {
            return new ColumnProfile(
                    c.name(),
                    ColumnProfile.NUMERIC,
                    type,
                    0,
                    missing,
                    infinite,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            sum += vals[i];
            min = Math.min(min, vals[i]);
            max = Math.max(max, vals[i]);
        }
        double mean = sum / k;
        if (!Double.isFinite(mean)) { // overflow of the sum: fall back to a scaled mean
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += vals[i] / k;
            }
            mean = s;
        }
        Double std = null;
        if (k > 1) {
            double ss = 0;
            for (int i = 0; i < k; i++) {
                double d = vals[i] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (k - 1));
            std = Double.isFinite(sd) ? sd : null;
        }
        return new ColumnProfile(
                c.name(),
                ColumnProfile.NUMERIC,
                type,
                k,
                missing,
                infinite,
                finiteOrNull(mean),
                std,
                min,
                max,
                histogram(vals, k, min, max),
                null,
                null,
                null,
                null);
    }

    /**
     * Equal-width histogram of {@code vals[0..k)}. Integer data spanning fewer than {@link
     * #HISTOGRAM_BINS} values get one bin per integer (centred on it); constant data one bin.
     */
    static ColumnProfile.Histogram histogram(double[] vals, int k, double min, double max) {
        boolean integral = true;
        for (int i = 0; i < k && integral; i++) {
            integral = vals[i] == Math.rint(vals[i]);
        }
        double lo;
        double hi;
        int bins;
        if (integral && max - min < HISTOGRAM_BINS) {
            bins = (int) (max - min) + 1;
            lo = min - 0.5;
            hi = max + 0.5;
        } else if (min == max) {
            bins = 1;
            double half = min == 0 ? 0.5 : Math.abs(min) * 0.05;
            lo = min - half;
            hi = max + half;
        } else {
            bins = HISTOGRAM_BINS;
            lo = min;
            hi = max;
        }
        long[] counts = new long[bins];
        double halfRange = hi * 0.5 - lo * 0.5; // halves: no overflow for extreme ranges
        for (int i = 0; i < k; i++) {
            int b = (int) ((vals[i] * 0.5 - lo * 0.5) / halfRange * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        List<Double> edges = new ArrayList<>(bins + 1);
        for (int i = 0; i < bins; i++) {
            edges.add(lo + (hi * 0.5 - lo * 0.5) * 2 * i / bins);
        }
        edges.add(hi);
        List<Long> countList = new ArrayList<>(bins);
        for (long cnt : counts) {
            countList.add(cnt);
        }
        return new ColumnProfile.Histogram(edges, countList);
    }

    private static ColumnProfile bool(BooleanColumn c, String type) {
        long t = 0;
        long f = 0;
        long missing = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                missing++;
            } else if (c.get(i)) {
                t++;
            } else {
                f++;
            }
        }
        Map<String, Long> counts = new HashMap<>();
        if (t > 0) {
            counts.put("true", t);
        }
        if (f > 0) {
            counts.put("false", f);
        }
        return new ColumnProfile(
                c.name(),
                ColumnProfile.BOOLEAN,
                type,
                t + f,
                missing,
                0,
                null,
                null,
                null,
                null,
                null,
                (long) counts.size(),
                top(counts),
                null,
                null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ColumnProfile temporal(Column<?> c, String type) {
        long missing = 0;
        long count = 0;
        Comparable min = null;
        Comparable max = null;
        Set<Object> distinct = new HashSet<>();
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                missing++;
                continue;
            }
            Comparable v = (Comparable) c.get(i);
            count++;
            distinct.add(v);
            if (min == null || v.compareTo(min) < 0) {
                min = v;
            }
            if (max == null || v.compareTo(max) > 0) {
                max = v;
            }
        }
        return new ColumnProfile(
                c.name(),
                ColumnProfile.DATE,
                type,
                count,
                missing,
                0,
                null,
                null,
                null,
                null,
                null,
                (long) distinct.size(),
                null,
                min == null ? null : min.toString(),
                max == null ? null : max.toString());
    }

    private static ColumnProfile strings(Column<?> c, String type) {
        Map<String, Long> counts = new HashMap<>();
        long missing = 0;
        long count = 0;
        long tokens = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                missing++;
                continue;
            }
            String v = String.valueOf(c.get(i));
            count++;
            counts.merge(v, 1L, Long::sum);
            String trimmed = v.strip();
            if (!trimmed.isEmpty()) {
                tokens += WHITESPACE.split(trimmed).length;
            }
        }
        long distinct = counts.size();
        double avgTokens = count == 0 ? 0 : (double) tokens / count;
        boolean text = avgTokens >= 4 || (avgTokens >= 2 && distinct > 20 && distinct * 2 > count);
        if (!text) {
            return new ColumnProfile(
                    c.name(),
                    ColumnProfile.CATEGORICAL,
                    type,
                    count,
                    missing,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    distinct,
                    top(counts),
                    null,
                    null);
        }
        Map<String, Long> tokenCounts = new HashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            for (String tok : NON_WORD.split(e.getKey().toLowerCase(Locale.ROOT))) {
                if (!tok.isEmpty()) {
                    tokenCounts.merge(tok, e.getValue(), Long::sum);
                }
            }
        }
        return new ColumnProfile(
                c.name(),
                ColumnProfile.TEXT,
                type,
                count,
                missing,
                0,
                null,
                null,
                null,
                null,
                null,
                distinct,
                top(tokenCounts),
                null,
                null);
    }

    /** The {@link #TOP_CATEGORIES} largest counts, descending, ties by value. */
    static List<ColumnProfile.Category> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES)
                .map(e -> new ColumnProfile.Category(e.getKey(), e.getValue()))
                .toList();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    // ---------------------------------------------------------------------------------------------
    // Rendering

    /**
     * A Vega-Lite v5 spec with inline data: one small chart per column (histograms for numeric
     * columns, horizontal bars of the top values for categorical, boolean and text columns; date
     * columns are only in the table views), at most {@link #MAX_CHARTS}, three to a row.
     */
    public ObjectNode toVegaLite() {
        List<ColumnProfile> charted = new ArrayList<>();
        int chartable = 0;
        for (ColumnProfile c : columns) {
            boolean hasChart =
                    c.histogram() != null || (c.top() != null && !c.top().isEmpty());
            if (hasChart) {
                chartable++;
                if (charted.size() < MAX_CHARTS) {
                    charted.add(c);
                }
            }
        }
        String subtitle = rows + " rows \u00d7 " + columns.size() + " columns"
                + (chartable > charted.size()
                        ? " \u00b7 first " + charted.size() + " of " + chartable + " charts"
                        : "");
        ObjectNode spec = Charts.spec("Data profile", subtitle);
        spec.put("columns", 3);
        spec.put("spacing", 28);
        ArrayNode concat = spec.putArray("concat");
        for (ColumnProfile c : charted) {
            ObjectNode chart = concat.addObject();
            ObjectNode title = chart.putObject("title");
            title.put("text", c.name());
            title.set("subtitle", chartSubtitle(c));
            title.put("anchor", "start");
            title.put("fontSize", 12);
            title.put("subtitleFontSize", 10);
            title.put("limit", 220);
            chart.put("width", 200);
            ArrayNode values = chart.putObject("data").putArray("values");
            ObjectNode enc;
            if (c.histogram() != null) {
                chart.put("height", 100);
                ColumnProfile.Histogram h = c.histogram();
                for (int i = 0; i < h.counts().size(); i++) {
                    ObjectNode row = values.addObject();
                    Charts.putNumber(row, "bin_start", h.edges().get(i));
                    Charts.putNumber(row, "bin_end", h.edges().get(i + 1));
                    row.put("count", h.counts().get(i));
                }
                ObjectNode mark = chart.putObject("mark");
                mark.put("type", "bar");
                mark.put("color", "#4c78a8");
                mark.put("binSpacing", 1);
                enc = chart.putObject("encoding");
                ObjectNode x = enc.putObject("x");
                x.put("field", "bin_start");
                x.put("type", "quantitative");
                x.putObject("bin").put("binned", true);
                x.putNull("title");
                x.putObject("axis").put("labelOverlap", true).put("tickCount", 5);
                enc.putObject("x2").put("field", "bin_end");
                ObjectNode y = enc.putObject("y");
                y.put("field", "count");
                y.put("type", "quantitative");
                y.putNull("title");
                y.putObject("axis").put("tickCount", 3);
                ArrayNode tip = enc.putArray("tooltip");
                tip.addObject()
                        .put("field", "bin_start")
                        .put("type", "quantitative")
                        .put("title", "from");
                tip.addObject()
                        .put("field", "bin_end")
                        .put("type", "quantitative")
                        .put("title", "to");
                tip.addObject().put("field", "count").put("type", "quantitative");
            } else {
                chart.put("height", Math.max(24, 14 * c.top().size()));
                for (ColumnProfile.Category cat : c.top()) {
                    values.addObject().put("value", cat.value()).put("count", cat.count());
                }
                ObjectNode mark = chart.putObject("mark");
                mark.put("type", "bar");
                mark.put("color", ColumnProfile.TEXT.equals(c.kind()) ? "#b279a2" : "#f58518");
                enc = chart.putObject("encoding");
                ObjectNode y = enc.putObject("y");
                y.put("field", "value");
                y.put("type", "nominal");
                y.put("sort", "-x");
                y.putNull("title");
                y.putObject("axis").put("labelLimit", 110);
                ObjectNode x = enc.putObject("x");
                x.put("field", "count");
                x.put("type", "quantitative");
                x.putNull("title");
                x.putObject("axis").put("tickCount", 3);
                ArrayNode tip = enc.putArray("tooltip");
                tip.addObject()
                        .put("field", "value")
                        .put("type", "nominal")
                        .put("title", ColumnProfile.TEXT.equals(c.kind()) ? "token" : "value");
                tip.addObject().put("field", "count").put("type", "quantitative");
            }
        }
        ObjectNode config = spec.putObject("config");
        config.putObject("view").putNull("stroke");
        config.putObject("axis").put("labelFontSize", 10).put("grid", false);
        config.putObject("concat").put("spacing", 28);
        return spec;
    }

    /** Two subtitle lines: kind and centre (mean or distinct count); missing share. */
    private static ArrayNode chartSubtitle(ColumnProfile c) {
        StringBuilder first = new StringBuilder(c.kind());
        if (c.mean() != null) {
            first.append(" \u00b7 mean ").append(Html.formatNumber(c.mean(), 4));
        } else if (c.distinct() != null) {
            first.append(" \u00b7 ").append(c.distinct()).append(" distinct");
        }
        String second = c.missing() > 0 ? percent(c.missingFraction()) + " missing" : "no missing";
        if (ColumnProfile.TEXT.equals(c.kind())) {
            second = "top tokens \u00b7 " + second;
        }
        if (c.infinite() > 0) {
            second += " \u00b7 " + c.infinite() + " infinite";
        }
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        lines.add(first.toString());
        lines.add(second);
        return lines;
    }

    /** A compact HTML summary table: column, kind, missing %, statistics or top values. */
    public String toHtml() {
        String th = "<th style=\"" + Html.TH_STYLE + ";" + Html.TEXT_STYLE + "\">";
        String thNum = "<th style=\"" + Html.TH_STYLE + ";" + Html.NUM_STYLE + "\">";
        String td = "<td style=\"" + Html.TD_STYLE + ";" + Html.TEXT_STYLE + "\">";
        String tdNum = "<td style=\"" + Html.TD_STYLE + ";" + Html.NUM_STYLE + "\">";
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bh-profile\" style=\"").append(Html.WRAP_STYLE).append("\">");
        sb.append("<table style=\"").append(Html.TABLE_STYLE).append("\">");
        sb.append("<caption style=\"")
                .append(Html.CAPTION_STYLE)
                .append("\">")
                .append(rows)
                .append(rows == 1 ? " row" : " rows")
                .append(" \u00d7 ")
                .append(columns.size())
                .append(columns.size() == 1 ? " column" : " columns")
                .append("</caption>");
        sb.append("<thead><tr>")
                .append(th)
                .append("column</th>")
                .append(th)
                .append("kind</th>")
                .append(thNum)
                .append("missing</th>")
                .append(th)
                .append("summary</th>")
                .append(th)
                .append("distribution</th></tr></thead><tbody>");
        for (ColumnProfile c : columns) {
            sb.append("<tr>")
                    .append(td)
                    .append("<b>")
                    .append(Html.escape(Html.truncate(c.name(), 60)))
                    .append("</b></td>");
            sb.append(td)
                    .append(Html.escape(c.kind()))
                    .append("<span style=\"opacity:0.5;font-size:10px\"> ")
                    .append(Html.escape(c.type().toLowerCase(Locale.ROOT)))
                    .append("</span></td>");
            sb.append(tdNum);
            if (c.missing() == 0) {
                sb.append("<span style=\"opacity:0.4\">0%</span>");
            } else {
                sb.append("<span title=\"")
                        .append(c.missing())
                        .append(" missing\">")
                        .append(Html.escape(percent(c.missingFraction())))
                        .append("</span>");
            }
            sb.append("</td>").append(td).append(summaryHtml(c)).append("</td>");
            sb.append(td).append(sparkline(c)).append("</td></tr>");
        }
        sb.append("</tbody></table></div>");
        return sb.toString();
    }

    private static String summaryHtml(ColumnProfile c) {
        String dot = " <span style=\"opacity:0.4\">\u00b7</span> ";
        StringBuilder s = new StringBuilder();
        switch (c.kind()) {
            case ColumnProfile.NUMERIC -> {
                if (c.count() == 0) {
                    s.append("<span style=\"opacity:0.5\">no values</span>");
                } else {
                    s.append(stat("mean", c.mean()))
                            .append(dot)
                            .append(stat("std", c.std()))
                            .append(dot)
                            .append(stat("min", c.min()))
                            .append(dot)
                            .append(stat("max", c.max()));
                }
                if (c.infinite() > 0) {
                    s.append(dot).append(c.infinite()).append(" \u00b1\u221e");
                }
            }
            case ColumnProfile.DATE -> {
                if (c.earliest() != null) {
                    s.append(Html.escape(c.earliest()))
                            .append(" \u2026 ")
                            .append(Html.escape(c.latest()))
                            .append(dot);
                }
                s.append(c.distinct()).append(" distinct");
            }
            default -> {
                s.append(c.distinct()).append(" distinct");
                List<ColumnProfile.Category> top = c.top() == null ? List.of() : c.top();
                if (!top.isEmpty()) {
                    boolean text = ColumnProfile.TEXT.equals(c.kind());
                    s.append(dot).append(text ? "tokens: " : "");
                    int shown = Math.min(text ? 6 : 4, top.size());
                    for (int i = 0; i < shown; i++) {
                        ColumnProfile.Category cat = top.get(i);
                        if (i > 0) {
                            s.append(", ");
                        }
                        s.append(Html.escape(Html.truncate(cat.value(), 24)));
                        if (!text && c.count() > 0) {
                            s.append(" <span style=\"opacity:0.6\">")
                                    .append(Html.escape(percent((double) cat.count() / c.count())))
                                    .append("</span>");
                        }
                    }
                    if (top.size() > shown || (c.distinct() != null && c.distinct() > shown && !text)) {
                        s.append(", \u2026");
                    }
                }
            }
        }
        return s.toString();
    }

    private static String stat(String label, Double v) {
        return "<span style=\"opacity:0.6\">" + label + "</span> "
                + (v == null ? "\u2014" : Html.escape(Html.formatNumber(v, 4)));
    }

    /** A tiny inline SVG of the histogram or the top-value shares, drawn in the text color. */
    private static String sparkline(ColumnProfile c) {
        int w = 100;
        int h = 18;
        StringBuilder s = new StringBuilder();
        if (c.histogram() != null) {
            List<Long> counts = c.histogram().counts();
            long max = 1;
            for (long v : counts) {
                max = Math.max(max, v);
            }
            double bw = (double) w / counts.size();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(h)
                    .append("\" viewBox=\"0 0 ")
                    .append(w)
                    .append(' ')
                    .append(h)
                    .append("\" style=\"display:block\" fill=\"currentColor\">");
            for (int i = 0; i < counts.size(); i++) {
                long v = counts.get(i);
                if (v == 0) {
                    continue;
                }
                double bh = Math.max(1, (h - 1) * (double) v / max);
                s.append("<rect x=\"")
                        .append(fmt(i * bw))
                        .append("\" y=\"")
                        .append(fmt(h - bh))
                        .append("\" width=\"")
                        .append(fmt(Math.max(0.8, bw - 1)))
                        .append("\" height=\"")
                        .append(fmt(bh))
                        .append("\" opacity=\"0.55\"/>");
            }
            s.append("</svg>");
        } else if (c.top() != null && !c.top().isEmpty() && c.count() > 0 && !ColumnProfile.TEXT.equals(c.kind())) {
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(w)
                    .append("\" height=\"")
                    .append(h)
                    .append("\" viewBox=\"0 0 ")
                    .append(w)
                    .append(' ')
                    .append(h)
                    .append("\" style=\"display:block\" fill=\"currentColor\">");
            double x = 0;
            int i = 0;
            for (ColumnProfile.Category cat : c.top()) {
                double cw = w * (double) cat.count() / c.count();
                s.append("<rect x=\"")
                        .append(fmt(x))
                        .append("\" y=\"4\" width=\"")
                        .append(fmt(Math.max(0.5, cw - 1)))
                        .append("\" height=\"10\" opacity=\"")
                        .append(fmt(Math.max(0.12, 0.65 - 0.1 * i)))
                        .append("\"><title>")
                        .append(Html.escape(Html.truncate(cat.value(), 60)))
                        .append("</title></rect>");
                x += cw;
                i++;
            }
            s.append("</svg>");
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        if (p > 0 && p < 0.1) {
            return "<0.1%";
        }
        return String.format(Locale.ROOT, p >= 10 || p == 0 ? "%.0f%%" : "%.1f%%", p);
    }

    /** One line per column. */
    public String toText() {
        int width = 6;
        for (ColumnProfile c : columns) {
            width = Math.max(
                    width, Math.min(28, c.name().codePointCount(0, c.name().length())));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("DataProfile: ")
                .append(rows)
                .append(" rows \u00d7 ")
                .append(columns.size())
                .append(" columns");
        for (ColumnProfile c : columns) {
            String name = Html.truncate(c.name(), 28);
            sb.append("\n  ")
                    .append(name)
                    .append(" ".repeat(Math.max(0, width - name.codePointCount(0, name.length()))));
            sb.append("  ").append(String.format(Locale.ROOT, "%-11s", c.kind()));
            sb.append("  missing ").append(String.format(Locale.ROOT, "%6s", percent(c.missingFraction())));
            sb.append("  ");
            switch (c.kind()) {
                case ColumnProfile.NUMERIC ->
                    sb.append("mean=")
                            .append(num(c.mean()))
                            .append(" std=")
                            .append(num(c.std()))
                            .append(" min=")
                            .append(num(c.min()))
                            .append(" max=")
                            .append(num(c.max()));
                case ColumnProfile.DATE ->
                    sb.append(c.earliest()).append(" .. ").append(c.latest());
                default -> {
                    sb.append(c.distinct()).append(" distinct");
                    if (c.top() != null && !c.top().isEmpty()) {
                        sb.append(ColumnProfile.TEXT.equals(c.kind()) ? "; tokens: " : "; top: ");
                        int shown = Math.min(3, c.top().size());
                        for (int i = 0; i < shown; i++) {
                            ColumnProfile.Category cat = c.top().get(i);
                            sb.append(i > 0 ? ", " : "")
                                    .append(Html.truncate(cat.value(), 20))
                                    .append(" (")
                                    .append(cat.count())
                                    .append(')');
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String num(Double v) {
        return v == null ? "-" : Html.formatNumber(v, 4);
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(VEGA_LITE, toVegaLite());
        bundle.put(TEXT_HTML, toHtml());
        bundle.put(TEXT_PLAIN, toText());
        return Collections.unmodifiableMap(bundle);
    }
}
