package org.bighead.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bighead.pipeline.BadInputException;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Prediction;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.pipeline.bundle.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bighead predict BUNDLE [--input FILE]}: one JSON line out per row in, in input order. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Score rows with a bundle. Reads JSON lines (one object per row) or CSV with a header from"
                    + " FILE or stdin; writes one JSON line per row: {\"prediction\": ...} (plus \"probabilities\""
                    + " for classifiers), or {\"error\": ..., \"column\": ...} for a bad row, and goes on."
        })
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "A .bighead file.")
    Path bundle;

    @Option(names = "--input", paramLabel = "FILE", description = "Rows to score (default: stdin).")
    Path input;

    @Option(names = "--format", description = "jsonl or csv (default: csv for *.csv, else jsonl).")
    String format;

    @Option(
            names = "--trust-code",
            description = "Load the code the bundle carries (classes written in a notebook): loading runs it, so only"
                    + " for files you trust.")
    boolean trustCode;

    @Override
    public Integer call() throws Exception {
        FittedPipeline pipeline = FittedPipeline.load(bundle, trustCode ? BundleCode.TRUST : BundleCode.REFUSE);
        String kind = format != null
                ? format.toLowerCase(Locale.ROOT)
                : input != null && input.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "jsonl";
        if (!kind.equals("csv") && !kind.equals("jsonl")) {
            throw new IllegalArgumentException("--format must be jsonl or csv, got '" + format + "'");
        }
        if (input != null && !Files.isReadable(input)) {
            throw new IllegalArgumentException("cannot read input file " + input);
        }
        Reader reader = input != null
                ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
                : new InputStreamReader(System.in, StandardCharsets.UTF_8);
        Scorer scorer = pipeline.scorer();
        int[] counts = new int[2];
        // a PrintStream never throws: when the reader of our output goes away (| head) we just stop
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false,
                StandardCharsets.UTF_8);
        ObjectWriter writer = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
        try (BufferedReader in = new BufferedReader(reader)) {
            RowReader rows = kind.equals("csv") ? RowReader.csv(in) : RowReader.jsonLines(in);
            rows.forEach((row, error) -> {
                ObjectNode line = Json.MAPPER.createObjectNode();
                if (error != null) {
                    line.put("error", error);
                    counts[1]++;
                } else {
                    try {
                        write(line, scorer.predict(row));
                        counts[0]++;
                    } catch (BadInputException e) {
                        line.put("error", e.getMessage());
                        if (e.column() != null) line.put("column", e.column());
                        counts[1]++;
                    }
                }
                out.print(writer.writeValueAsString(line));
                out.print('\n');
                if (!ready(in)) {
                    out.flush(); // someone is waiting on the other end of a pipe
                }
                return !out.checkError();
            });
        }
        out.flush();
        if (counts[1] > 0) {
            System.err.printf("scored %d rows, %d rows had errors%n", counts[0], counts[1]);
        }
        return 0;
    }

    /** Whether more input can be read without blocking; a parser that closed the stream at its end means no. */
    private static boolean ready(BufferedReader in) {
        try {
            return in.ready();
        } catch (java.io.IOException closed) {
            return false;
        }
    }

    private static void write(ObjectNode line, Prediction p) {
        if (p.label() == null) {
            line.put("prediction", p.value());
            return;
        }
        line.put("prediction", p.label());
        ObjectNode probabilities = line.putObject("probabilities");
        for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
            probabilities.put(e.getKey(), e.getValue());
        }
    }
}
