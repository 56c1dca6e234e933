package org.bighead.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Metrics;
import org.bighead.pipeline.Pipeline;
import org.bighead.pipeline.Split;
import org.bighead.pipeline.bundle.Json;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * {@code bighead demo}: trains the reference listing-price pipeline, prints its metrics, saves the bundle,
 * and scores one listing with the bundle in a fresh JVM to show it predicts exactly what the notebook did.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Train the reference pipeline on demo listings, save the bundle, reload it in a fresh JVM"
                + " and print one prediction.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            paramLabel = "PATH",
            defaultValue = "listing-price.bighead",
            description = "Where to save the bundle (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rows", defaultValue = "20000", description = "Listings to generate (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "42", description = "Data seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--target",
            defaultValue = "price",
            description = "price (regression, default) or booked (classification).")
    String target;

    @Override
    public Integer call() throws Exception {
        if (rows < 100) {
            throw new IllegalArgumentException("--rows must be at least 100, got " + rows);
        }
        Pipeline pipeline = switch (target) {
            case "price" -> ListingsPipelines.price();
            case "booked" -> ListingsPipelines.booked();
            default -> throw new IllegalArgumentException("--target must be price or booked, got '" + target + "'");
        };
        System.out.printf("Generating %,d listings (seed %d)%n", rows, seed);
        Table listings = Listings.generate(rows, seed);
        Split.Parts split = Split.random(listings, 0.8, seed);

        System.out.println("Training " + pipeline);
        long start = System.nanoTime();
        FittedPipeline model = pipeline.fit(split.train());
        double seconds = (System.nanoTime() - start) / 1e9;
        Metrics test = model.evaluate(split.test());
        System.out.printf(
                Locale.ROOT, "  fitted on %,d rows in %.1f s%n", split.train().rowCount(), seconds);
        System.out.println("  train: " + format(model.metrics().get("train")));
        System.out.println("  test:  " + format(test.values()));

        if (target.equals("price")) {
            Metrics baseline = ListingsPipelines.priceWithoutPreprocessing()
                    .fit(split.train())
                    .evaluate(split.test());
            System.out.println("  same trees without the text and category stages, test: " + format(baseline.values()));
        }

        model.save(out);
        System.out.printf("Saved %s (%,d bytes)%n", out, Files.size(out));

        Map<String, Object> row = firstRow(split.test());
        double here = model.predictValue(row);
        String line =
                Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(row);
        String there = predictInFreshJvm(out, line);
        System.out.println("Reloaded in a fresh JVM and scored one listing:");
        System.out.println("  " + line);
        System.out.println("  → " + there);
        JsonNode answer = Json.MAPPER.readTree(there);
        boolean same;
        if (model.classes().isEmpty()) {
            same = Double.compare(answer.path("prediction").asDouble(Double.NaN), here) == 0;
            System.out.printf(Locale.ROOT, "  in this JVM: %s (%s)%n", here, same ? "identical" : "DIFFERENT");
        } else {
            var p = model.predict(row);
            same = answer.path("prediction").asText().equals(p.label());
            for (var e : p.probabilities().entrySet()) {
                same &= Double.compare(
                                answer.path("probabilities").path(e.getKey()).asDouble(Double.NaN), e.getValue())
                        == 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  in this JVM: %s %s (%s)%n",
                    p.label(),
                    p.probabilities(),
                    same ? "identical" : "DIFFERENT");
        }
        return same ? 0 : 1;
    }

    private static String format(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s=%.4f", k, v)));
        return String.join("  ", parts);
    }

    private static Map<String, Object> firstRow(Table table) {
        Map<String, Object> row = new LinkedHashMap<>();
        Row r = table.row(0);
        for (String column : Listings.FEATURES) {
            row.put(column, r.isMissing(column) ? null : r.getObject(column));
        }
        return row;
    }

    /** Runs {@code bighead predict} in a new JVM on the same class path, feeding one JSON line. */
    static String predictInFreshJvm(Path bundle, String jsonLine) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Bighead.class.getName(),
                        "predict",
                        bundle.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the fresh JVM failed to score the row: " + output);
        }
        JsonNode node = Json.MAPPER.readTree(output);
        if (node.has("error")) {
            throw new IllegalStateException(
                    "the fresh JVM refused the row: " + node.get("error").asText());
        }
        return output;
    }
}
