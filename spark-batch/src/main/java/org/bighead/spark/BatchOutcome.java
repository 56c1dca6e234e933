package org.bighead.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code batch-score --json} prints: one JSON object for a program (the notebook's {@code %bighead
 * batch-score}) instead of the line a person reads. Pure: the preview rows arrive as values, read by the caller.
 *
 * @param model the bundle's name
 * @param version its version (a registry version number, or a file's SHA-256 prefix)
 * @param rows rows scored
 * @param badRows rows whose {@code error} says why they have no prediction
 * @param seconds the run's wall-clock time
 * @param output where the Parquet output is
 * @param columns the output's columns, in order
 * @param preview the output's first rows, values in {@link #columns} order (null where a value is missing)
 */
record BatchOutcome(
        String model,
        String version,
        long rows,
        long badRows,
        double seconds,
        String output,
        List<String> columns,
        List<List<Object>> preview) {
    /** How many of the output's first rows {@code --json} carries. */
    static final int PREVIEW_ROWS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    BatchOutcome {
        columns = List.copyOf(columns);
        preview = preview.stream().map(java.util.Collections::unmodifiableList).toList();
    }

    /** The object, on one line: preview rows are objects keyed by column, in the output's column order. */
    String json() {
        ObjectNode out = JSON.createObjectNode()
                .put("model", model)
                .put("version", version)
                .put("rows", rows)
                .put("badRows", badRows)
                .put("seconds", Math.round(seconds * 10) / 10.0)
                .put("output", output);
        ArrayNode rowsOut = out.putArray("preview");
        for (List<Object> values : preview) {
            ObjectNode row = rowsOut.addObject();
            for (int i = 0; i < columns.size(); i++) {
                row.set(columns.get(i), JSON.valueToTree(values.get(i)));
            }
        }
        return out.toString();
    }
}
