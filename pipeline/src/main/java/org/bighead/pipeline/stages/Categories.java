package org.bighead.pipeline.stages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.PipelineException;

/** Category learning and lookup shared by {@link OneHot} and {@link Ordinal}. */
final class Categories {
    static final int MAX = 1000;

    private Categories() {}

    /** Distinct non-missing values, most frequent first, ties by value, so the order never depends on hashing. */
    static List<String> learn(String stage, String column, String[] values) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : values) {
            if (v != null) counts.merge(v, 1, Integer::sum);
        }
        if (counts.size() > MAX) {
            throw new PipelineException(stage + ": column '" + column + "' has " + counts.size()
                    + " distinct values (limit " + MAX + "); use TextHash for high-cardinality text");
        }
        List<String> out = new ArrayList<>(counts.keySet());
        out.sort((a, b) -> {
            int byCount = Integer.compare(counts.get(b), counts.get(a));
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        return out;
    }

    /** Category to index. */
    static Map<String, Integer> index(List<String> categories) {
        Map<String, Integer> index = new HashMap<>(categories.size() * 2);
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        return index;
    }

    static BadInputException unseen(String column, String value, List<String> known) {
        return new BadInputException(
                column,
                BadInputException.Problem.UNSEEN_CATEGORY,
                "column '" + column + "': unseen category '" + abbreviate(value) + "'; known: "
                        + Columns.join(known.stream().map(k -> "'" + k + "'").toList(), 8));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
