package org.bighead.pipeline.viz;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Self-contained HTML fragments for Jupyter's {@code text/html}.
 *
 * <p>Every fragment is a single {@code <div>} whose class starts with {@code bh-}; all styling is
 * in inline {@code style} attributes, so nothing leaks into (or depends on) the notebook's CSS and
 * nothing is lost when a front end strips {@code <style>} elements. Colors are inherited from the
 * surrounding theme; borders and highlights are translucent, so the fragments read on light and
 * dark themes alike. All text coming from data (column names, cell values, keys) is escaped.
 */
public final class Html {

    /** At most this many columns are rendered by {@link #table} and {@link #beforeAfter}. */
    public static final int MAX_COLUMNS = 50;

    /** Longer cell texts are cut with an ellipsis (the full text is in the cell's tooltip). */
    static final int MAX_CELL_CHARS = 80;

    static final String FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
    static final String WRAP_STYLE = "font-family:" + FONT + ";font-size:12px;line-height:1.35;color:inherit;"
            + "max-width:100%;overflow-x:auto;margin:4px 0";
    static final String TABLE_STYLE = "border-collapse:collapse;border-spacing:0;color:inherit;background:transparent;"
            + "font-size:12px;margin:0;table-layout:auto";
    static final String TH_STYLE = "padding:4px 8px;border:none;border-bottom:1px solid rgba(128,128,128,0.55);"
            + "font-weight:600;white-space:nowrap;vertical-align:bottom;color:inherit;"
            + "background:transparent";
    static final String TD_STYLE =
            "padding:2px 8px;border:none;border-bottom:1px solid rgba(128,128,128,0.2);" + "white-space:nowrap";
    static final String NUM_STYLE = "text-align:right;font-variant-numeric:tabular-nums";
    static final String TEXT_STYLE = "text-align:left";
    static final String CAPTION_STYLE =
            "caption-side:bottom;text-align:left;opacity:0.7;font-size:11px;padding:4px 2px 0 2px;" + "color:inherit";
    static final String TYPE_STYLE = "font-weight:400;opacity:0.6;font-size:10px";
    /** How a missing value is shown. */
    static final String MISSING = "<span style=\"opacity:0.4\" title=\"missing\">\u2014</span>";

    static final String CHANGED_BG = "background:rgba(255,170,0,0.16)";
    static final String ADDED_BG = "background:rgba(46,160,67,0.16)";
    static final String REMOVED_STYLE = "opacity:0.5";

    private Html() {}

    // ---------------------------------------------------------------------------------------------
    // Tables

    /**
     * An HTML table of the first {@code maxRows} rows of {@code t} (and at most {@link #MAX_COLUMNS}
     * columns): a header with each column's name and type, numbers right-aligned, missing values as
     * a faint "—", and a caption "showing N of M rows".
     */
    public static String table(Table t, int maxRows) {
        if (t == null) {
            throw new IllegalArgumentException("table is null");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, was " + maxRows);
        }
        int shownRows = Math.min(maxRows, t.rowCount());
        List<Column<?>> cols = t.columns();
        int shownCols = Math.min(MAX_COLUMNS, cols.size());
        StringBuilder sb = new StringBuilder(256 + 64 * shownRows * Math.max(1, shownCols));
        sb.append("<div class=\"bh-table\" style=\"").append(WRAP_STYLE).append("\">");
        sb.append("<table style=\"").append(TABLE_STYLE).append("\">");
        sb.append("<caption style=\"").append(CAPTION_STYLE).append("\">");
        String name = t.name();
        if (name != null && !name.isBlank()) {
            sb.append("<b>").append(escape(name)).append("</b> \u00b7 ");
        }
        sb.append(showing(shownRows, t.rowCount(), shownCols, cols.size()));
        sb.append("</caption><thead><tr>");
        for (int c = 0; c < shownCols; c++) {
            Column<?> col = cols.get(c);
            sb.append("<th style=\"")
                    .append(TH_STYLE)
                    .append(';')
                    .append(align(col))
                    .append("\">");
            sb.append(escape(col.name()));
            sb.append("<div style=\"")
                    .append(TYPE_STYLE)
                    .append("\">")
                    .append(typeName(col))
                    .append("</div></th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shownRows; r++) {
            sb.append("<tr>");
            for (int c = 0; c < shownCols; c++) {
                Column<?> col = cols.get(c);
                sb.append("<td style=\"")
                        .append(TD_STYLE)
                        .append(';')
                        .append(align(col))
                        .append('"');
                appendCellTitle(sb, col, r);
                sb.append('>').append(cell(col, r)).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></div>");
        return sb.toString();
    }

    /**
     * A stage's input sample next to its output sample. When both tables have the same number of
     * rows (a row-wise stage) the view is merged into one table in the output's column order:
     * columns named in {@code changedColumns} show "before → after" where the value changed,
     * highlighted amber; columns only in {@code after} are highlighted green; columns only in
     * {@code before} (dropped by the stage) are appended, faded and struck through. When the row
     * counts differ (a filtering stage) the two tables are shown side by side, with changed and
     * added columns highlighted in the output.
     */
    public static String beforeAfter(Table before, Table after, List<String> changedColumns, int maxRows) {
        if (before == null || after == null) {
            throw new IllegalArgumentException("before and after must not be null");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, was " + maxRows);
        }
        Set<String> changed = new HashSet<>(changedColumns == null ? List.of() : changedColumns);
        Set<String> beforeNames = new LinkedHashSet<>(before.columnNames());
        Set<String> afterNames = new LinkedHashSet<>(after.columnNames());
        List<String> removed = new ArrayList<>();
        for (String n : beforeNames) {
            if (!afterNames.contains(n)) {
                removed.add(n);
            }
        }
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        for (String n : afterNames) {
            if (!beforeNames.contains(n)) {
                added.add(n);
            } else if (changed.contains(n)) {
                modified.add(n);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bh-before-after\" style=\"").append(WRAP_STYLE).append("\">");
        StringBuilder legend = new StringBuilder();
        legend.append("<div style=\"font-size:11px;opacity:0.85;margin:0 0 4px 2px\">");
        legend.append(legendChip(CHANGED_BG, "changed " + modified.size()));
        legend.append(' ').append(legendChip(ADDED_BG, "added " + added.size()));
        legend.append(' ')
                .append(legendChip(REMOVED_STYLE + ";text-decoration:line-through", "removed " + removed.size()));
        legend.append("</div>");
        sb.append(legend);
        if (before.rowCount() == after.rowCount()) {
            appendMerged(sb, before, after, changed, removed, maxRows);
        } else {
            sb.append("<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">");
            sb.append("<div><div style=\"font-weight:600;margin:0 0 2px 2px\">before</div>");
            appendSide(sb, before, Set.of(), Set.of(), Set.copyOf(removed), maxRows);
            sb.append("</div><div><div style=\"font-weight:600;margin:0 0 2px 2px\">after</div>");
            appendSide(sb, after, Set.copyOf(modified), Set.copyOf(added), Set.of(), maxRows);
            sb.append("</div></div>");
        }
        sb.append("</div>");
        return sb.toString();
    }

    /**
     * A small two-column table of named values (metrics, parameters). Floating-point numbers are
     * shown with 4 significant digits, integral numbers in full, missing values (null) as "—";
     * arrays and collections of numbers are formatted element-wise.
     */
    public static String keyValues(String title, Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bh-kv\" style=\"").append(WRAP_STYLE).append("\">");
        sb.append("<table style=\"").append(TABLE_STYLE).append("\">");
        if (title != null && !title.isBlank()) {
            sb.append("<thead><tr><th colspan=\"2\" style=\"")
                    .append(TH_STYLE)
                    .append(';')
                    .append(TEXT_STYLE)
                    .append("\">")
                    .append(escape(title))
                    .append("</th></tr></thead>");
        }
        sb.append("<tbody>");
        if (values != null) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                Object v = e.getValue();
                boolean numeric = v instanceof Number;
                sb.append("<tr><td style=\"")
                        .append(TD_STYLE)
                        .append(';')
                        .append(TEXT_STYLE)
                        .append(";opacity:0.8\">")
                        .append(escape(String.valueOf(e.getKey())))
                        .append("</td>");
                sb.append("<td style=\"")
                        .append(TD_STYLE)
                        .append(';')
                        .append(numeric ? NUM_STYLE : TEXT_STYLE)
                        .append("\">");
                sb.append(v == null ? MISSING : escape(truncate(formatValue(v), 200)));
                sb.append("</td></tr>");
            }
        }
        sb.append("</tbody></table></div>");
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers (also used by the other renderers in this package)

    /**
     * Escapes text for use in HTML/XML content and attribute values. Characters that XML 1.0 does
     * not allow (control characters, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            String rep = null;
            boolean pair = false;
            switch (ch) {
                case '&' -> rep = "&amp;";
                case '<' -> rep = "&lt;";
                case '>' -> rep = "&gt;";
                case '"' -> rep = "&quot;";
                case '\'' -> rep = "&#39;";
                default -> {
                    if (Character.isHighSurrogate(ch)) {
                        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            pair = true;
                        } else {
                            rep = "\uFFFD";
                        }
                    } else if (Character.isLowSurrogate(ch)
                            || (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
                            || ch == '\uFFFE'
                            || ch == '\uFFFF') {
                        rep = "\uFFFD";
                    }
                }
            }
            if (rep == null) {
                if (sb != null) {
                    sb.append(ch);
                    if (pair) {
                        sb.append(s.charAt(i + 1));
                    }
                }
                if (pair) {
                    i++;
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16);
                sb.append(s, 0, i);
            }
            sb.append(rep);
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Formats a number with {@code sig} significant digits (half-up), without trailing zeros; plain
     * notation for magnitudes in [1e-4, 1e9), otherwise like {@code 1.235e-7}. NaN is "NaN",
     * infinities "∞" and "-∞".
     */
    public static String formatNumber(double v, int sig) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "-\u221e";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(v))
                .round(new MathContext(Math.max(1, sig), RoundingMode.HALF_UP))
                .stripTrailingZeros();
        double a = Math.abs(bd.doubleValue());
        if (a >= 1e-4 && a < 1e9) {
            return bd.toPlainString();
        }
        int exp = bd.precision() - bd.scale() - 1;
        BigDecimal mantissa = bd.movePointLeft(exp).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exp;
    }

    /** A value as display text: numbers via {@link #formatNumber} (4 digits) unless integral. */
    static String formatValue(Object v) {
        if (v == null) {
            return "\u2014";
        }
        if (v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte
                || v instanceof BigInteger
                || v instanceof AtomicInteger
                || v instanceof AtomicLong) {
            return v.toString();
        }
        if (v instanceof Number num) {
            return formatNumber(num.doubleValue(), 4);
        }
        if (v.getClass().isArray()) {
            int len = Array.getLength(v);
            List<Object> items = new ArrayList<>(Math.min(len, 21));
            for (int i = 0; i < Math.min(len, 20); i++) {
                items.add(Array.get(v, i));
            }
            return formatList(items, len);
        }
        if (v instanceof Collection<?> c) {
            List<Object> items = new ArrayList<>(Math.min(c.size(), 21));
            for (Object o : c) {
                if (items.size() == 20) {
                    break;
                }
                items.add(o);
            }
            return formatList(items, c.size());
        }
        return String.valueOf(v);
    }

    private static String formatList(List<Object> items, int total) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(formatValue(items.get(i)));
        }
        if (total > items.size()) {
            sb.append(", \u2026 (").append(total).append(" items)");
        }
        return sb.append(']').toString();
    }

    /** Cuts {@code s} to at most {@code max} code points, ending with "…" when cut. */
    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, Math.max(0, max - 1));
        return s.substring(0, end) + "\u2026";
    }

    /** "showing N of M rows", plus the column count when columns were cut. */
    static String showing(int shownRows, int rows, int shownCols, int cols) {
        String s = "showing " + shownRows + " of " + rows + (rows == 1 ? " row" : " rows");
        if (shownCols < cols) {
            s += ", " + shownCols + " of " + cols + " columns";
        }
        return s;
    }

    static String typeName(Column<?> col) {
        return escape(col.type().name().toLowerCase(Locale.ROOT));
    }

    static boolean isNumeric(Column<?> col) {
        return col instanceof NumericColumn<?>;
    }

    private static String align(Column<?> col) {
        return isNumeric(col) ? NUM_STYLE : TEXT_STYLE;
    }

    /** The escaped display HTML of one cell. */
    static String cell(Column<?> col, int row) {
        if (col.isMissing(row)) {
            return MISSING;
        }
        if (col instanceof DoubleColumn || col instanceof FloatColumn) {
            return escape(formatNumber(((NumericColumn<?>) col).getDouble(row), 6));
        }
        if (col instanceof BooleanColumn b) {
            return String.valueOf(b.get(row));
        }
        return escape(truncate(String.valueOf(col.get(row)), MAX_CELL_CHARS));
    }

    private static void appendCellTitle(StringBuilder sb, Column<?> col, int row) {
        if (isNumeric(col) || col.isMissing(row)) {
            return;
        }
        String full = String.valueOf(col.get(row));
        if (full.codePointCount(0, full.length()) > MAX_CELL_CHARS) {
            sb.append(" title=\"").append(escape(truncate(full, 1000))).append('"');
        }
    }

    private static String legendChip(String style, String text) {
        return "<span style=\"" + style + ";padding:0 6px;border-radius:3px;"
                + "border:1px solid rgba(128,128,128,0.3)\">" + escape(text) + "</span>";
    }

    private static void appendMerged(
            StringBuilder sb, Table before, Table after, Set<String> changed, List<String> removed, int maxRows) {
        record Col(String name, Column<?> before, Column<?> after) {}
        List<Col> cols = new ArrayList<>();
        for (Column<?> a : after.columns()) {
            Column<?> b = before.containsColumn(a.name()) ? before.column(a.name()) : null;
            cols.add(new Col(a.name(), b, a));
        }
        for (String r : removed) {
            cols.add(new Col(r, before.column(r), null));
        }
        int total = cols.size();
        if (total > MAX_COLUMNS) {
            cols = new ArrayList<>(cols.subList(0, MAX_COLUMNS));
        }
        int rows = after.rowCount();
        int shownRows = Math.min(maxRows, rows);
        sb.append("<table style=\"").append(TABLE_STYLE).append("\">");
        sb.append("<caption style=\"")
                .append(CAPTION_STYLE)
                .append("\">")
                .append(showing(shownRows, rows, cols.size(), total))
                .append(" \u00b7 changed cells show before \u2192 after</caption>");
        sb.append("<thead><tr>");
        for (Col c : cols) {
            Column<?> typed = c.after != null ? c.after : c.before;
            String bg = columnStyle(c.before, c.after, changed.contains(c.name));
            sb.append("<th style=\"").append(TH_STYLE).append(';').append(align(typed));
            if (!bg.isEmpty()) {
                sb.append(';').append(bg);
            }
            if (c.after == null) {
                sb.append(";text-decoration:line-through");
            }
            sb.append("\">").append(escape(c.name));
            String type = typeName(typed);
            if (c.before != null && c.after != null && c.before.type() != c.after.type()) {
                type = typeName(c.before) + " \u2192 " + type;
            }
            String tag = c.after == null
                    ? "removed"
                    : c.before == null ? "added" : changed.contains(c.name) ? "changed" : "";
            sb.append("<div style=\"").append(TYPE_STYLE).append("\">").append(type);
            if (!tag.isEmpty()) {
                sb.append(" \u00b7 ").append(tag);
            }
            sb.append("</div></th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shownRows; r++) {
            sb.append("<tr>");
            for (Col c : cols) {
                Column<?> typed = c.after != null ? c.after : c.before;
                String bg = columnStyle(c.before, c.after, changed.contains(c.name));
                sb.append("<td style=\"").append(TD_STYLE).append(';').append(align(typed));
                if (!bg.isEmpty()) {
                    sb.append(';').append(bg);
                }
                sb.append("\">");
                if (c.after == null) {
                    sb.append(cell(c.before, r));
                } else if (c.before != null && changed.contains(c.name)) {
                    String was = cell(c.before, r);
                    String now = cell(c.after, r);
                    if (!was.equals(now)) {
                        sb.append("<span style=\"opacity:0.55\">").append(was).append("</span> \u2192 ");
                    }
                    sb.append(now);
                } else {
                    sb.append(cell(c.after, r));
                }
                sb.append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
    }

    private static String columnStyle(Column<?> before, Column<?> after, boolean changed) {
        if (after == null) {
            return REMOVED_STYLE;
        }
        if (before == null) {
            return ADDED_BG;
        }
        return changed ? CHANGED_BG : "";
    }

    private static void appendSide(
            StringBuilder sb, Table t, Set<String> changed, Set<String> added, Set<String> removed, int maxRows) {
        int shownRows = Math.min(maxRows, t.rowCount());
        List<Column<?>> cols = t.columns();
        int shownCols = Math.min(MAX_COLUMNS, cols.size());
        sb.append("<table style=\"").append(TABLE_STYLE).append("\">");
        sb.append("<caption style=\"")
                .append(CAPTION_STYLE)
                .append("\">")
                .append(showing(shownRows, t.rowCount(), shownCols, cols.size()))
                .append("</caption>");
        sb.append("<thead><tr>");
        for (int c = 0; c < shownCols; c++) {
            Column<?> col = cols.get(c);
            String st = sideStyle(col.name(), changed, added, removed);
            sb.append("<th style=\"")
                    .append(TH_STYLE)
                    .append(';')
                    .append(align(col))
                    .append(st)
                    .append("\">")
                    .append(escape(col.name()))
                    .append("<div style=\"")
                    .append(TYPE_STYLE)
                    .append("\">")
                    .append(typeName(col))
                    .append("</div></th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shownRows; r++) {
            sb.append("<tr>");
            for (int c = 0; c < shownCols; c++) {
                Column<?> col = cols.get(c);
                String st = sideStyle(col.name(), changed, added, removed);
                sb.append("<td style=\"")
                        .append(TD_STYLE)
                        .append(';')
                        .append(align(col))
                        .append(st)
                        .append("\">")
                        .append(cell(col, r))
                        .append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
    }

    private static String sideStyle(String name, Set<String> changed, Set<String> added, Set<String> removed) {
        if (added.contains(name)) {
            return ";" + ADDED_BG;
        }
        if (changed.contains(name)) {
            return ";" + CHANGED_BG;
        }
        if (removed.contains(name)) {
            return ";" + REMOVED_STYLE;
        }
        return "";
    }
}
