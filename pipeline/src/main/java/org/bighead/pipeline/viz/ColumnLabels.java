package org.bighead.pipeline.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short labels for lists of columns: runs of numbered columns ("amenities#0..63") and of one-hot
 * columns ("room_type=* (3)") collapse into one group, and a list too long for its space ends with
 * a count of the columns left out.
 */
final class ColumnLabels {

    private ColumnLabels() {}

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
                    if (!mj.matches() || !mj.group(1).equals(prefix) || Long.parseLong(mj.group(2)) != prev + 1) {
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
        String all = join(groups, groups.size());
        if (TextMetrics.width(all, fontSize, false) <= maxWidth) {
            return all;
        }
        if (groups.size() == 1) { // one long name or run: cut it
            return TextMetrics.fit(all, maxWidth, fontSize, false);
        }
        int rest = 0; // columns left out, growing as groups are dropped from the end
        for (int g = groups.size() - 1; g >= 1; g--) {
            rest += groups.get(g).count;
            String s = join(groups, g) + ", +" + rest + (rest == 1 ? " column" : " columns");
            if (TextMetrics.width(s, fontSize, false) <= maxWidth) {
                return s;
            }
        }
        return cols.size() + " columns";
    }

    /** A plain-text list of at most about {@code maxChars} characters, "∅" when empty. */
    static String plain(List<String> cols, int maxChars) {
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

    private static String join(List<Group> groups, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(groups.get(i).label);
        }
        return sb.toString();
    }
}
