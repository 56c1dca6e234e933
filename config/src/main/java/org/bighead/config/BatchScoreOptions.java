package org.bighead.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a batch-score takes, wherever it is typed: {@code ./bighead batch-score} (on Spark) and the notebook's
 * {@code %bighead batch-score} (which runs that command) mix these in, so both say the same and refuse the same. No
 * Spark here: the magics must not need it.
 */
public final class BatchScoreOptions {
    @Parameters(
            index = "0",
            paramLabel = "REF",
            description =
                    "A .bighead file, or a model in the registry: NAME@ALIAS, NAME/3 (version 3) or NAME (the latest).")
    public String ref;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "A CSV file (with a header), a Parquet file, or a folder of either.")
    public String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "OUT",
            description = "Where to write the Parquet output (a folder; it must not exist, unless --replace).")
    public String output;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master: local[*] (default: embedded, every core), local[N], spark://HOST:7077, ..."
                    + " Under spark-submit, its --master.")
    public String master;

    @Option(
            names = "--replace",
            description = "Replace OUT when it is an earlier batch-score output (a folder with Spark's _SUCCESS marker;"
                    + " anything else is refused). The new output is swapped in only once it is whole: a run that"
                    + " fails or is stopped leaves the earlier one as it was.")
    public boolean replace;

    /** Why an existing {@code output} is refused without {@code --replace}. */
    public static String exists(String output) {
        return "output " + output + " exists; remove it, name another or add --replace";
    }

    /** Why {@code --replace} refuses an existing {@code output} that no batch-score wrote. */
    public static String notAnOutput(String output) {
        return "--replace replaces only an earlier batch-score output, and " + output + " is not one (it has no"
                + " _SUCCESS marker)";
    }

    /**
     * Why these local paths cannot be scored, before anything starts (a JVM, Spark): no input, or an output in the
     * way. URLs are left to the run, which reads them with Hadoop.
     *
     * @param in the input, local paths made absolute by the caller
     * @param out the output, likewise
     */
    public Optional<String> refusal(String in, String out) {
        if (!Locations.isUrl(in) && !Files.exists(Path.of(in))) {
            return Optional.of("no input at " + input);
        }
        if (!Locations.isUrl(out) && Files.exists(Path.of(out))) {
            if (!replace) {
                return Optional.of(exists(output));
            }
            if (!Files.exists(Path.of(out, "_SUCCESS"))) {
                return Optional.of(notAnOutput(output));
            }
        }
        return Optional.empty();
    }
}
