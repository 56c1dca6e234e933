package org.bighead.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.bighead.config.BatchScoreOptions;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.registry.client.ModelBundle;

/**
 * One batch run: read CSV or Parquet (a file or a folder of them), score every row with the bundle, write Parquet.
 * The output appears whole or not at all: Spark writes into a hidden folder beside it, which is renamed at the end
 * and removed on failure. With replace, an earlier output is moved aside only then, once the new one is whole, and
 * deleted after the new one is in its place: a run that fails keeps it. Paths are Hadoop paths, so {@code hdfs://}
 * and {@code s3a://} work where configured.
 */
final class BatchScoring {
    private BatchScoring() {}

    /** What a run did. */
    record Result(long rows, long badRows, String output) {}

    /** Scores {@code input} into {@code output} with {@code bundle}; throws IllegalArgumentException on bad paths. */
    static Result run(SparkSession spark, ModelBundle bundle, String input, String output) throws IOException {
        return run(spark, bundle, input, output, false, temp -> {});
    }

    /**
     * As above; with {@code replace}, an existing output that an earlier run wrote (it has {@code _SUCCESS}) is
     * replaced at the end. {@code writingInto} learns the hidden folder the run writes in, once it is made, so that a
     * JVM stopped mid-run can remove it.
     */
    static Result run(
            SparkSession spark,
            ModelBundle bundle,
            String input,
            String output,
            boolean replace,
            Consumer<Path> writingInto)
            throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path in = new Path(input);
        Path out = new Path(output);
        FileSystem inFs = in.getFileSystem(hadoop);
        FileSystem outFs = out.getFileSystem(hadoop);
        if (!inFs.exists(in)) {
            throw new IllegalArgumentException("no input at " + input);
        }
        boolean earlier = outFs.exists(out);
        if (earlier && !replace) {
            throw new IllegalArgumentException(BatchScoreOptions.exists(output));
        }
        if (earlier && !outFs.exists(new Path(out, "_SUCCESS"))) {
            throw new IllegalArgumentException(BatchScoreOptions.notAnOutput(output));
        }
        Path parent = outFs.makeQualified(out).getParent();
        if (parent == null
                || !outFs.exists(parent)
                || !outFs.getFileStatus(parent).isDirectory()) {
            throw new IllegalArgumentException("cannot write " + output + ": no folder " + parent);
        }
        String format = format(inFs, in);
        FittedPipeline pipeline = ExecutorPipelines.get(bundle.sha256(), bundle.bytes()); // fails early if bad
        // the output appears whole or not at all: written inside a hidden folder beside it (made first, so an
        // unwritable place fails before any work), then renamed; the folder goes whatever happens
        String id = UUID.randomUUID().toString();
        Path temp = new Path(parent, "." + out.getName() + ".tmp-" + id);
        try {
            if (!outFs.mkdirs(temp)) throw new IOException("mkdir failed");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + output + " (" + e.getMessage() + ")");
        }
        writingInto.accept(temp);
        Broadcast<byte[]> bytes = null;
        try {
            Dataset<Row> data = read(spark, format, input);
            List<String> columns = new ArrayList<>(List.of(data.schema().fieldNames()));
            columns.remove(PartitionScorer.CORRUPT);
            List<String> missing = new ArrayList<>();
            for (Field field : pipeline.inputSchema().fields()) {
                if (!field.nullable() && !columns.contains(field.name())) missing.add(field.name());
            }
            if (!missing.isEmpty()) { // every row would fail: say it once, before any work
                throw new IllegalArgumentException("the input lacks columns the model needs: "
                        + String.join(", ", missing) + " (it has " + String.join(", ", columns) + ")");
            }
            for (String name : PartitionScorer.addedColumns(pipeline)) {
                if (List.of(data.schema().fieldNames()).contains(name)) {
                    throw new IllegalArgumentException(
                            "the input already has a column '" + name + "', which the output adds; rename it first");
                }
            }
            bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundle.bytes());
            LongAccumulator rows = spark.sparkContext().longAccumulator("bighead rows");
            LongAccumulator bad = spark.sparkContext().longAccumulator("bighead bad rows");
            PartitionScorer scorer = new PartitionScorer(bytes, bundle.sha256(), pipeline, data.schema(), rows, bad);
            Path written = new Path(temp, out.getName());
            scorer.score(data).write().parquet(written.toString());
            // the earlier output goes aside (not into temp: a stop right now must not take it with the temp folder)
            Path aside = new Path(parent, "." + out.getName() + ".old-" + id);
            boolean movedAside = earlier && outFs.exists(out);
            if (movedAside && !outFs.rename(out, aside)) {
                throw new IOException("could not move the earlier " + out + " aside to " + aside);
            }
            if (!outFs.rename(written, out)) {
                if (movedAside) {
                    outFs.rename(aside, out);
                }
                throw new IOException(
                        "could not rename " + written + " to " + out + (outFs.exists(out) ? ": it exists now" : ""));
            }
            if (movedAside) {
                outFs.delete(aside, true);
            }
            return new Result(rows.value(), bad.value(), output);
        } finally {
            outFs.delete(temp, true);
            if (bytes != null) bytes.destroy();
        }
    }

    /** A run's output: its columns, and its first rows (values by column). */
    record Preview(List<String> columns, List<List<Object>> rows) {}

    /** The output's columns and its first {@code limit} rows, as {@link BatchOutcome} carries them. */
    static Preview preview(SparkSession spark, String output, int limit) {
        Dataset<Row> written = spark.read().parquet(output);
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : written.limit(limit).collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(row.get(i));
            }
            rows.add(values);
        }
        return new Preview(List.of(written.columns()), rows);
    }

    /** "csv" or "parquet", by the file's extension or, for a folder, by the data files in it. */
    static String format(FileSystem fs, Path in) throws IOException {
        FileStatus status = fs.getFileStatus(in);
        List<String> names = new ArrayList<>();
        if (status.isDirectory()) {
            for (FileStatus f : fs.listStatus(in)) {
                String name = f.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) names.add(name.toLowerCase(Locale.ROOT));
            }
        } else {
            names.add(in.getName().toLowerCase(Locale.ROOT));
        }
        if (names.stream().anyMatch(n -> n.endsWith(".parquet"))) return "parquet";
        if (names.stream().anyMatch(n -> n.endsWith(".csv"))) return "csv";
        throw new IllegalArgumentException(
                "cannot tell the format of " + in + ": expected a .csv or .parquet file, or a" + " folder of them");
    }

    /**
     * CSV is read as text with a header, as {@code ./bighead predict} reads it (fields trimmed, empty means missing),
     * so the pipeline converts every value by the same rules; a line that does not split into the header's fields
     * is marked and becomes a bad row.
     */
    static Dataset<Row> read(SparkSession spark, String format, String input) {
        if (format.equals("parquet")) {
            return spark.read().parquet(input);
        }
        DataFrameReader csv = spark.read()
                .option("header", true)
                .option("ignoreLeadingWhiteSpace", true)
                .option("ignoreTrailingWhiteSpace", true)
                .option("mode", "PERMISSIVE");
        StructType header = csv.csv(input).schema(); // all strings: no inference
        return csv.schema(header.add(PartitionScorer.CORRUPT, DataTypes.StringType, true))
                .option("columnNameOfCorruptRecord", PartitionScorer.CORRUPT)
                .csv(input);
    }
}
