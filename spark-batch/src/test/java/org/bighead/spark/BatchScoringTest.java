package org.bighead.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Prediction;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.data.Listings;
import org.bighead.pipeline.data.ListingsPipelines;
import org.bighead.registry.client.ModelBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Batch scoring on Spark gives, row for row, what the notebook, ./bighead predict and serving give. */
class BatchScoringTest {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static FittedPipeline price;
    private static FittedPipeline booked;
    private static ModelBundle priceBundle;
    private static ModelBundle bookedBundle;
    private static Path listings;

    @BeforeAll
    static void setUp() throws IOException {
        Table train = Listings.generate(4_000, 42);
        price = ListingsPipelines.price().fit(train);
        booked = ListingsPipelines.booked().fit(train);
        priceBundle = bundle(price, "listing-price");
        bookedBundle = bundle(booked, "listing-booked");
        listings = dir.resolve("listings.csv");
        Listings.writeCsv(Listings.generate(3_000, 7), listings);
        spark = BatchScoreMain.session("local[2]");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "65536"); // several partitions per file
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) spark.stop();
    }

    private static ModelBundle bundle(FittedPipeline model, String name) throws IOException {
        Path file = dir.resolve(name + ".bighead");
        model.save(file);
        return ModelBundle.resolve(file.toString(), null, dir.resolve("cache"));
    }

    @Test
    void everyRowScoresExactlyAsPredictAndTheNotebookScoreIt() throws IOException {
        int loadsBefore = ExecutorPipelines.loads();
        BatchScoring.Result result = BatchScoring.run(
                spark, priceBundle, listings.toString(), out("price").toString());

        List<Map<String, Object>> csv = csvRows(listings);
        assertThat(result.rows()).isEqualTo(csv.size());
        assertThat(result.badRows()).isZero();
        Map<String, Row> scored = byId(result.output());
        assertThat(scored).hasSize(csv.size());
        double[] notebook = price.score(Listings.readCsv(listings))[0];
        Scorer scorer = price.scorer(); // what ./bighead predict does with each CSV row
        for (int i = 0; i < csv.size(); i++) {
            Map<String, Object> line = csv.get(i);
            Row row = scored.get((String) line.get(Listings.LISTING_ID));
            double spark = row.getDouble(row.fieldIndex("prediction"));
            assertThat(spark).as("row %d", i).isEqualTo(scorer.predict(line).value());
            assertThat(spark).as("row %d", i).isEqualTo(notebook[i]);
            assertThat(row.isNullAt(row.fieldIndex("error"))).isTrue();
            for (Map.Entry<String, Object> e : line.entrySet()) { // the input columns, unchanged
                assertThat(row.<Object>getAs(e.getKey())).isEqualTo(e.getValue());
            }
        }
        assertThat(ExecutorPipelines.loads() - loadsBefore)
                .as("the bundle is read once in this JVM, not once per partition")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void theJsonOutcomeCarriesTheCountsAndTheOutputsFirstRowsAsWritten() throws Exception {
        String output = out("json").toString();
        BatchScoring.Result result = BatchScoring.run(spark, priceBundle, listings.toString(), output);
        BatchScoring.Preview first = BatchScoring.preview(spark, output, BatchOutcome.PREVIEW_ROWS);
        List<String> columns = first.columns();

        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new BatchOutcome("listing-price", "1", result.rows(), 0, 2.04, output, columns, first.rows())
                        .json());

        assertThat(json.path("rows").asLong()).isEqualTo(3_000);
        assertThat(json.path("seconds").asDouble()).isEqualTo(2.0);
        assertThat(json.path("preview")).hasSize(BatchOutcome.PREVIEW_ROWS);
        var firstRow = json.path("preview").get(0);
        List<String> names = new ArrayList<>();
        firstRow.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(columns).endsWith("prediction", "error");
        assertThat(firstRow.path("error").isNull()).isTrue();
        Row written = byId(output).get(firstRow.path(Listings.LISTING_ID).asText());
        assertThat(firstRow.path("prediction").asDouble())
                .isEqualTo(written.getDouble(written.fieldIndex("prediction")));
    }

    @Test
    void aClassifierAddsTheLabelAndOneProbabilityColumnPerClass() throws IOException {
        BatchScoring.Result result = BatchScoring.run(
                spark, bookedBundle, listings.toString(), out("booked").toString());

        Map<String, Row> scored = byId(result.output());
        Scorer scorer = booked.scorer();
        for (Map<String, Object> line : csvRows(listings)) {
            Row row = scored.get((String) line.get(Listings.LISTING_ID));
            Prediction expected = scorer.predict(line);
            assertThat((String) row.getAs("prediction")).isEqualTo(expected.label());
            for (String c : booked.classes()) {
                assertThat((Double) row.getAs("probability(" + c + ")")).isEqualTo(expected.probability(c));
            }
        }
    }

    @Test
    void parquetIsScoredFromTheReadersColumnBatchesAsEachRowAlone() throws IOException {
        Path parquet = dir.resolve("listings-batches");
        spark.read()
                .option("header", true)
                .option("inferSchema", true)
                .csv(listings.toString())
                .write()
                .parquet(parquet.toString());
        assertThat(PartitionScorer.columnarScan(plan(spark.read().parquet(parquet.toString()))))
                .isNotNull();
        assertThat(PartitionScorer.columnarScan(plan(spark.read().csv(listings.toString()))))
                .isNull();

        BatchScoring.Result result = BatchScoring.run(spark, bookedBundle, parquet.toString(), out("c").toString());

        Map<String, Row> scored = byId(result.output());
        Scorer scorer = booked.scorer();
        byId(parquet.toString()).forEach((id, in) -> {
            Map<String, Object> values = new HashMap<>();
            for (String name : in.schema().fieldNames()) values.put(name, in.getAs(name));
            Prediction expected = scorer.predict(values);
            Row row = scored.get(id);
            assertThat((String) row.getAs("prediction")).isEqualTo(expected.label());
            for (String c : booked.classes()) {
                assertThat((Double) row.getAs("probability(" + c + ")")).isEqualTo(expected.probability(c));
            }
        });
    }

    private static org.apache.spark.sql.execution.SparkPlan plan(Dataset<Row> data) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) data)
                .queryExecution()
                .executedPlan();
    }

    @Test
    void aParquetFolderScoresAsTheSameRowsInCsv() throws IOException {
        Path parquet = dir.resolve("listings-parquet");
        spark.read()
                .option("header", true)
                .option("inferSchema", true)
                .csv(listings.toString())
                .repartition(3)
                .write()
                .parquet(parquet.toString());
        Map<String, Row> fromCsv = byId(BatchScoring.run(spark, priceBundle, listings.toString(), out("a").toString())
                .output());

        BatchScoring.Result result = BatchScoring.run(spark, priceBundle, parquet.toString(), out("b").toString());

        assertThat(result.badRows()).isZero();
        Map<String, Row> fromParquet = byId(result.output());
        assertThat(fromParquet).hasSameSizeAs(fromCsv);
        fromCsv.forEach((id, row) -> assertThat((Double) fromParquet.get(id).getAs("prediction"))
                .as("listing %s", id)
                .isEqualTo((Double) row.getAs("prediction")));
        // typed columns (ints, doubles, booleans) pass through unchanged and score as their Java values would
        Scorer scorer = price.scorer();
        byId(parquet.toString()).forEach((id, in) -> {
            Row row = fromParquet.get(id);
            Map<String, Object> values = new HashMap<>();
            for (String name : in.schema().fieldNames()) {
                assertThat(row.<Object>getAs(name))
                        .as("listing %s %s", id, name)
                        .isEqualTo(in.getAs(name));
                values.put(name, in.getAs(name));
            }
            assertThat((Double) row.getAs("prediction"))
                    .isEqualTo(scorer.predict(values).value());
        });
    }

    @Test
    void badRowsSayWhyAndTheRestIsScored() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(listings).subList(0, 11));
        lines.set(
                3,
                lines.get(3)
                        .replaceFirst(",Hotel room,3,1,", ",Hotel room,3,many,")
                        .replaceFirst(",(Entire home/apt|Private room|Shared room),(\\d+),(\\d*),", ",$1,$2,many,"));
        lines.set(5, lines.get(5) + ",an extra field");
        Path input = dir.resolve("bad.csv");
        Files.write(input, lines);

        BatchScoring.Result result = BatchScoring.run(
                spark, priceBundle, input.toString(), out("bad").toString());

        assertThat(result.rows()).isEqualTo(10);
        assertThat(result.badRows()).isEqualTo(2);
        List<Row> rows = spark.read().parquet(result.output()).collectAsList();
        Map<String, String> errors = new HashMap<>();
        for (Row row : rows) {
            String error = row.getAs("error");
            if (error != null) {
                errors.put(row.getAs(Listings.LISTING_ID), error);
                assertThat(row.isNullAt(row.fieldIndex("prediction"))).isTrue();
            } else {
                assertThat(row.isNullAt(row.fieldIndex("prediction"))).isFalse();
            }
        }
        assertThat(errors).hasSize(2);
        assertThat(errors.get("3")).contains("bedrooms");
        assertThat(errors.get("5")).contains("CSV");
    }

    @Test
    void badPathsFailBeforeAnythingIsWritten() throws IOException {
        Path existing = out("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> BatchScoring.run(spark, priceBundle, listings.toString(), existing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists");
        assertThat(existing.resolve("keep.txt")).hasContent("mine");
        assertThatThrownBy(() -> BatchScoring.run(
                        spark, priceBundle, dir.resolve("nope.csv").toString(), out("x").toString()))
                .hasMessage("no input at " + dir.resolve("nope.csv"));
        Path nowhere = dir.resolve("no-such-folder").resolve("out.parquet");
        assertThatThrownBy(() -> BatchScoring.run(spark, priceBundle, listings.toString(), nowhere.toString()))
                .hasMessageContaining("no folder");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
        assertThat(BatchScoreMain.run("nope.bighead", "--input", listings.toString(), "--output", out("y").toString()))
                .isEqualTo(1);
        assertThat(out("y")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void replaceSwapsAnEarlierOutputOutOnlyOnceTheNewOneIsWhole() throws IOException {
        Path small = dir.resolve("ten.csv");
        Files.write(small, Files.readAllLines(listings).subList(0, 11));
        String output = out("replaced").toString();
        BatchScoring.run(spark, priceBundle, listings.toString(), output);
        java.util.List<Path> told = new ArrayList<>();

        // a run that fails (a bad input) keeps the earlier output as it was
        Path unreadable = Files.writeString(dir.resolve("broken.parquet"), "not parquet");
        assertThatThrownBy(() -> BatchScoring.run(spark, priceBundle, unreadable.toString(), output, true, t -> {}));
        assertThat(spark.read().parquet(output).count()).isEqualTo(3_000);

        BatchScoring.Result result =
                BatchScoring.run(spark, priceBundle, small.toString(), output, true, t -> told.add(Path.of(t.toUri())));

        assertThat(result.rows()).isEqualTo(10);
        assertThat(spark.read().parquet(output).count()).isEqualTo(10);
        assertThat(told)
                .singleElement()
                .satisfies(t -> assertThat(t.getFileName().toString()).startsWith(".out-replaced.parquet.tmp-"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains(".tmp-") || n.contains(".old-"));
        }
    }

    @Test
    void replaceRefusesAnythingButAnEarlierOutputBeforeAnythingIsWritten() throws IOException {
        Path mine = Files.createDirectories(out("mine"));
        Files.writeString(mine.resolve("keep.txt"), "mine");

        assertThatThrownBy(
                        () -> BatchScoring.run(spark, priceBundle, listings.toString(), mine.toString(), true, t -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--replace replaces only an earlier batch-score output, and " + mine
                        + " is not one (it has no _SUCCESS marker)");
        assertThat(mine.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void anInputWithoutAColumnTheModelNeedsFailsBeforeScoring() throws IOException {
        Path input = dir.resolve("no-room-type.csv");
        Files.write(input, List.of("neighbourhood,accommodates", "Mission,2"));

        assertThatThrownBy(() -> BatchScoring.run(
                        spark, priceBundle, input.toString(), out("none").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the input lacks columns the model needs: ")
                .hasMessageContaining("number_of_reviews")
                .hasMessageNotContaining("accommodates,")
                .hasMessageEndingWith("(it has neighbourhood, accommodates)");
        assertThat(out("none")).doesNotExist();
    }

    @Test
    void aFailedRunLeavesNoOutputAndNoTemporaryFolder() throws IOException {
        Path input = dir.resolve("unreadable.parquet");
        Files.writeString(input, "not parquet at all");
        Path output = out("failed");

        assertThatThrownBy(() -> BatchScoring.run(spark, priceBundle, input.toString(), output.toString()));

        assertThat(output).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void theBundleOfAFileIsNamedByItsFileAndVersionedByItsContent() {
        assertThat(priceBundle.name()).isEqualTo("listing-price");
        assertThat(priceBundle.version())
                .isEqualTo(Bundle.sha256(priceBundle.bytes()).substring(0, 12));
    }

    private static Path out(String name) {
        return dir.resolve("out-" + name + ".parquet");
    }

    private static Map<String, Row> byId(String output) {
        Map<String, Row> rows = new HashMap<>();
        for (Row row : spark.read().parquet(output).collectAsList()) {
            rows.put(String.valueOf(row.<Object>getAs(Listings.LISTING_ID)), row);
        }
        return rows;
    }

    /** The CSV's rows as ./bighead predict reads them (the CLI's RowReader: univocity, a header, text values). */
    private static List<Map<String, Object>> csvRows(Path file) throws IOException {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setLineSeparatorDetectionEnabled(true);
        CsvParser parser = new CsvParser(settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parser.beginParsing(in);
            String[] record;
            while ((record = parser.parseNext()) != null) {
                String[] header = parser.getContext().headers();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) row.put(header[i], i < record.length ? record[i] : null);
                rows.add(row);
            }
        }
        return rows;
    }
}
