package org.bighead.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.Split;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.pipeline.model.XGBoost;
import tech.tablesaw.api.Table;

/** Small real bundles (the reference preprocessing + 10 small trees on a few hundred listings), made once per JVM. */
final class TestBundles {
    private static Path first;
    private static Path second;

    private TestBundles() {}

    /** A price model trained with seed 1, evaluated on "test". */
    static synchronized Path first() {
        if (first == null) {
            first = make(1);
        }
        return first;
    }

    /** Another price model (seed 2): different bytes, different metrics. */
    static synchronized Path second() {
        if (second == null) {
            second = make(2);
        }
        return second;
    }

    private static Path make(long seed) {
        try {
            Table data = Listings.generate(400, seed);
            Split.Parts parts = Split.random(data, 0.75, seed);
            FittedPipeline fitted = Pipeline.of(ListingsPipelines.preprocessingThen(
                            XGBoost.regressor().rounds(10).maxDepth(3).threads(1)))
                    .target(Listings.PRICE)
                    .fit(parts.train());
            fitted.evaluate(parts.test(), "test");
            Path dir = Files.createTempDirectory("bighead-registry-bundles");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("price-" + seed + ".bighead");
            fitted.save(file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
