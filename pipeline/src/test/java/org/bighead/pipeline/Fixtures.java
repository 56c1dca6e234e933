package org.bighead.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** Shared, lazily built test data: one listings split and the reference pipeline fitted on it. */
public final class Fixtures {
    private static Split.Parts split;
    private static FittedPipeline price;

    private Fixtures() {}

    /** 5,000 listings split 80/20 with seed 7. */
    public static synchronized Split.Parts listings() {
        if (split == null) {
            split = Split.random(Listings.generate(5_000, 7), 0.8, 7);
        }
        return split;
    }

    /** The reference price pipeline (200 trees, depth 6) fitted on {@link #listings()}'s train part. */
    public static synchronized FittedPipeline price() {
        if (price == null) {
            price = ListingsPipelines.price().fit(listings().train());
        }
        return price;
    }

    /** Row {@code i} of a table as the map an online caller would send (missing values absent). */
    public static Map<String, Object> row(Table table, int i) {
        Map<String, Object> out = new LinkedHashMap<>();
        Row row = table.row(i);
        for (String column : table.columnNames()) {
            if (!row.isMissing(column)) {
                out.put(column, row.getObject(column));
            }
        }
        return out;
    }
}
