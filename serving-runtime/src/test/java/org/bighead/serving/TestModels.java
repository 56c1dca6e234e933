package org.bighead.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Small models on the generated listings, trained once per test JVM (a second or two) and saved under
 * target/test-bundles: a price regressor, a second price regressor with other trees (for swaps) and a booked
 * classifier. All three take the same input columns.
 */
final class TestModels {
    static final Path DIR = Path.of("target", "test-bundles");
    private static final Table TRAIN = Listings.generate(1500, 42);
    private static FittedPipeline price;
    private static FittedPipeline priceOther;
    private static FittedPipeline booked;

    private TestModels() {}

    static synchronized FittedPipeline price() {
        if (price == null) {
            price = fit(XGBoost.regressor().rounds(20).maxDepth(4), Listings.PRICE);
        }
        return price;
    }

    static synchronized FittedPipeline priceOther() {
        if (priceOther == null) {
            priceOther = fit(XGBoost.regressor().rounds(8).maxDepth(2), Listings.PRICE);
        }
        return priceOther;
    }

    static synchronized FittedPipeline booked() {
        if (booked == null) {
            booked = fit(XGBoost.classifier().rounds(20).maxDepth(4), Listings.BOOKED);
        }
        return booked;
    }

    private static FittedPipeline fit(XGBoost model, String target) {
        return Pipeline.of(ListingsPipelines.preprocessingThen(model.threads(1)))
                .target(target)
                .fit(TRAIN);
    }

    /** Saves {@code model} as {@code name}.bighead in a fresh folder of its own (so tests never share a file). */
    static Path save(FittedPipeline model, String name) {
        try {
            Files.createDirectories(DIR);
            Path dir = Files.createTempDirectory(DIR, "bundle-");
            Path bundle = dir.resolve(name + ".bighead");
            model.save(bundle);
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Held-out listings (another seed) as the rows a caller sends: input columns only, missing values as null. */
    static List<Map<String, Object>> rows(int count) {
        Table table = Listings.generate(count, 7);
        List<String> inputs = price().inputSchema().names();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Row row = table.row(i);
            Map<String, Object> values = new LinkedHashMap<>();
            for (String column : inputs) {
                values.put(column, row.isMissing(column) ? null : row.getObject(column));
            }
            rows.add(values);
        }
        return rows;
    }

    /** A complete, valid row. */
    static Map<String, Object> goodRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(Listings.NEIGHBOURHOOD, "Mission");
        row.put(Listings.ROOM_TYPE, Listings.ENTIRE_HOME);
        row.put(Listings.ACCOMMODATES, 4);
        row.put(Listings.BEDROOMS, 2);
        row.put(Listings.BATHROOMS, 1.5);
        row.put(Listings.AMENITIES, "wifi kitchen washer");
        row.put(Listings.REVIEW_SCORE, 4.7);
        row.put(Listings.NUMBER_OF_REVIEWS, 31);
        row.put(Listings.MINIMUM_NIGHTS, 2);
        row.put(Listings.HOST_IS_SUPERHOST, true);
        row.put(Listings.INSTANT_BOOKABLE, false);
        return row;
    }
}
