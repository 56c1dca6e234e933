package org.bighead.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.data.Listings;
import org.bighead.registry.client.ModelBundle;
import tech.tablesaw.api.Table;

/**
 * bench/batch.sh's Java side: the same rows scored in-process (one thread, {@link FittedPipeline#score(Table)}: the
 * notebook's batch path) and on Spark (local[CORES], Parquet in; to Spark's no-op sink, which isolates scoring, and
 * to Parquet as {@code ./bighead batch-score} writes it). Prints one JSON object of figures on stdout.
 *
 * <p>Usage: {@code BatchBench BUNDLE LISTINGS.csv WORK_DIR CORES REPEATS}
 */
public final class BatchBench {
    private BatchBench() {}

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        Path bundlePath = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int cores = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        ModelBundle bundle = ModelBundle.resolve(bundlePath.toString(), null, work);
        FittedPipeline model = ExecutorPipelines.get(bundle.sha256(), bundle.bytes());

        Table table = Listings.readCsv(csv);
        int rows = table.rowCount();
        double[] inProcess = time(repeats, () -> model.score(table));
        double inProcessRate = rows / median(inProcess);
        double inProcessCpu = cpuSeconds;
        System.err.printf(
                Locale.ROOT,
                "in-process: %s s → %,.0f rows/s on one thread (%,.0f rows per CPU second)%n",
                list(inProcess),
                inProcessRate,
                rows / cpuSeconds);

        try (SparkSession spark = BatchScoreMain.session("local[" + cores + "]")) {
            Path parquet = work.resolve("listings.parquet");
            if (!Files.exists(parquet)) {
                spark.read()
                        .option("header", true)
                        .option("inferSchema", true)
                        .csv(csv.toString())
                        // files of equal rows, four a core, read as one split each (BatchScoreMain's local session
                        // and bench/mlflow_spark_udf.py's alike): every core has work to the end of a run
                        .repartition(4 * cores)
                        .write()
                        .parquet(parquet.toString());
            }
            Dataset<Row> data = spark.read().parquet(parquet.toString());
            int partitions = data.rdd().getNumPartitions();
            Broadcast<byte[]> bytes =
                    JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundle.bytes());
            LongAccumulator scored = spark.sparkContext().longAccumulator();
            LongAccumulator bad = spark.sparkContext().longAccumulator();
            PartitionScorer scorer = new PartitionScorer(bytes, bundle.sha256(), model, data.schema(), scored, bad);
            Dataset<Row> out = scorer.score(data);
            double[] noop = time(
                    repeats, () -> out.write().format("noop").mode("overwrite").save());
            double noopCpu = cpuSeconds;
            double[] toParquet = time(repeats, () -> {
                Path target = work.resolve("scored-" + System.nanoTime() + ".parquet");
                BatchScoring.run(spark, bundle, parquet.toString(), target.toString());
                deleteTree(target);
            });
            double noopRate = rows / median(noop) / cores;
            double parquetRate = rows / median(toParquet) / cores;
            System.err.printf(
                    Locale.ROOT,
                    "spark local[%d], %d partitions: scoring %s s → %,.0f rows/s/core (%,.0f rows per CPU second);"
                            + " Parquet to Parquet %s s → %,.0f rows/s/core (%,.0f rows per CPU second); bad rows"
                            + " %d%n",
                    cores,
                    partitions,
                    list(noop),
                    noopRate,
                    rows / noopCpu,
                    list(toParquet),
                    parquetRate,
                    rows / cpuSeconds,
                    bad.value());
            System.out.printf(
                    Locale.ROOT,
                    "{\"rows\": %d, \"cores\": %d, \"partitions\": %d, \"in_process_rows_per_s\": %.0f,"
                            + " \"spark_score_rows_per_s_core\": %.0f, \"spark_parquet_rows_per_s_core\": %.0f,"
                            + " \"in_process_rows_per_cpu_s\": %.0f, \"spark_score_rows_per_cpu_s\": %.0f,"
                            + " \"in_process_s\": %s, \"spark_score_s\": %s, \"spark_parquet_s\": %s}%n",
                    rows,
                    cores,
                    partitions,
                    inProcessRate,
                    noopRate,
                    parquetRate,
                    rows / inProcessCpu,
                    rows / noopCpu,
                    list(inProcess),
                    list(noop),
                    list(toParquet));
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /**
     * One untimed warm-up, then {@code repeats} timed runs in seconds. Also notes the median CPU time the whole
     * process spent on a run, in {@link #cpuSeconds}: on a machine shared with other work, rows per CPU second moves
     * far less than rows per wall second.
     */
    private static double[] time(int repeats, Work work) throws Exception {
        work.run();
        double[] seconds = new double[repeats];
        double[] cpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = (processCpuNanos() - cpuStart) / 1e9;
        }
        cpuSeconds = median(cpu);
        return seconds;
    }

    private static double cpuSeconds;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String list(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) out.add(String.format(Locale.ROOT, "%.3f", v));
        return "[" + String.join(", ", out) + "]";
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
