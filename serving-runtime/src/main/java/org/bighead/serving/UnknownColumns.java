package org.bighead.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;

/**
 * Columns a request names that the model does not take, such as a misspelled {@code "bedroms"}. By default each
 * becomes one warning in the response (the row is scored without it, as a missing value if the column is
 * nullable); with {@code --strict} the first one is a 400 that names it, suggests the closest known column and
 * lists the model's columns.
 */
final class UnknownColumns {
    /** Distinct unknown columns reported one by one; past that, one warning counts the rest. */
    static final int MAX_REPORTED = 20;

    private static final int MAX_ROWS_LISTED = 5;
    private static final int MAX_QUOTED = 80;

    private final LoadedModel model;
    private final String noun;
    private final Map<String, List<Integer>> rows = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int unreported;

    /** For {@code model}; {@code noun} is what the request calls a column ("column", "input"). */
    UnknownColumns(LoadedModel model, String noun) {
        this.model = model;
        this.noun = noun;
    }

    /** Notes {@code name} (seen in row {@code row}, or -1 for a whole tensor) if the model does not take it. */
    void check(String name, int row) {
        if (model.inputs().containsKey(name)) {
            return;
        }
        if (model.strict()) {
            String close = closest(name, model.inputs().keySet());
            throw HttpError.badRequest("unknown " + noun + " '" + Messages.shorten(name, MAX_QUOTED) + "'"
                            + (row >= 0 ? " in row " + row : "")
                            + (close != null ? " (did you mean '" + close + "'?)" : "")
                            + "; model '" + model.name() + "' takes "
                            + String.join(", ", model.inputs().keySet())
                            + " (--strict refuses unknown columns)")
                    .with("column", name)
                    .with("row", row >= 0 ? row : null);
        }
        if (!rows.containsKey(name) && rows.size() >= MAX_REPORTED) {
            unreported++;
            return;
        }
        List<Integer> at = rows.computeIfAbsent(name, k -> new ArrayList<>());
        counts.merge(name, 1, Integer::sum);
        if (row >= 0 && at.size() < MAX_ROWS_LISTED) {
            at.add(row);
        }
    }

    /** One sentence per unknown column, in the order first seen; empty when there was none. */
    List<String> warnings(int totalRows) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            String name = e.getKey();
            String close = closest(name, model.inputs().keySet());
            int count = counts.get(name);
            String where = e.getValue().isEmpty() || count == totalRows
                    ? ""
                    : " (in " + (count == 1 ? "row " : count + " rows: ") + join(e.getValue())
                            + (count > e.getValue().size() ? ", ..." : "") + ")";
            out.add(noun + " '" + Messages.shorten(name, MAX_QUOTED) + "' is not an input of model '" + model.name()
                    + "' and was ignored" + where + (close != null ? "; did you mean '" + close + "'?" : ""));
        }
        if (unreported > 0) {
            out.add("and " + unreported + " more unknown " + noun + "s, not listed");
        }
        return out;
    }

    private static String join(List<Integer> rows) {
        StringBuilder s = new StringBuilder();
        for (int r : rows) {
            s.append(s.length() == 0 ? "" : ", ").append(r);
        }
        return s.toString();
    }

    /** The known name nearest to {@code name} by edit distance (ignoring case), if it is close enough to be a typo. */
    static String closest(String name, Set<String> known) {
        if (name.length() > 200) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
