package org.bighead.pipeline;

import java.nio.file.Path;
import org.bighead.pipeline.data.Listings;
import tech.tablesaw.api.Table;

/** Run in a fresh JVM by {@link FreshJvmTest}: loads a bundle, scores a CSV, prints each prediction's bits. */
public final class ReloadAndScore {
    private ReloadAndScore() {}

    public static void main(String[] args) throws Exception {
        FittedPipeline model = FittedPipeline.load(Path.of(args[0]));
        Table rows = Listings.readCsv(Path.of(args[1]));
        double[] batch = model.score(rows)[0];
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.rowCount(); i++) {
            double single = model.predictValue(Fixtures.row(rows, i));
            out.append(Double.doubleToLongBits(batch[i]))
                    .append(' ')
                    .append(Double.doubleToLongBits(single))
                    .append('\n');
        }
        System.out.print(out);
    }
}
