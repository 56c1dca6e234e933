package org.bighead.productionize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Kind;
import org.bighead.pipeline.viz.ColumnProfile;
import org.bighead.pipeline.viz.DataProfile;

/**
 * Rows to smoke-test a pipeline with, drawn from what its training data looked like (the profile its bundle keeps):
 * the typical row (means, most frequent categories) and one per training category of each text column, so every
 * category the model learned goes through once. Pure.
 */
final class SmokeRows {
    private static final int MAX_ROWS = 32;

    private SmokeRows() {}

    static List<Map<String, Object>> of(FittedPipeline model) {
        DataProfile profile = model.metadata() == null ? null : model.metadata().profile();
        Map<String, Object> typical = new LinkedHashMap<>();
        for (Field f : model.inputSchema().fields()) {
            typical.put(f.name(), typical(f, profile == null ? null : profile.column(f.name())));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(typical);
        for (Field f : model.inputSchema().fields()) {
            for (String category : f.categories()) {
                if (rows.size() >= MAX_ROWS) {
                    return rows;
                }
                Map<String, Object> row = new LinkedHashMap<>(typical);
                row.put(f.name(), category);
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object typical(Field f, ColumnProfile column) {
        if (f.kind() == Kind.NUMERIC) {
            if (f.sourceType() != null && f.sourceType().equalsIgnoreCase("BOOLEAN")) {
                return false;
            }
            return column != null && column.mean() != null ? column.mean() : 0.0;
        }
        if (!f.categories().isEmpty()) {
            return f.categories().get(0);
        }
        if (column != null && column.top() != null && !column.top().isEmpty()) {
            return column.top().get(0).value();
        }
        return "text";
    }
}
