package org.bighead.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bighead.pipeline.data.Listings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bighead data listings --rows N --seed S --out FILE.csv}. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Generate demo data sets.",
        subcommands = DataCommand.ListingsCommand.class)
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "listings",
            mixinStandardHelpOptions = true,
            description = "Write the deterministic Airbnb-style listings data set as CSV.")
    static final class ListingsCommand implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "10000", description = "Rows to generate (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, description = "CSV file to write.")
        Path out;

        @Override
        public Integer call() {
            if (rows < 1 || rows > 10_000_000) {
                throw new IllegalArgumentException("--rows must be between 1 and 10000000, got " + rows);
            }
            long start = System.nanoTime();
            Listings.writeCsv(Listings.generate(rows, seed), out);
            System.err.printf(
                    "wrote %,d listings (seed %d) to %s in %.1f s%n",
                    rows, seed, out, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
