package org.bighead.spark;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.bighead.config.BatchScoreOptions;
import org.bighead.config.Setting;
import org.bighead.config.Settings;
import org.bighead.config.SettingsDefaults;
import org.bighead.config.SettingsException;
import org.bighead.pipeline.PipelineException;
import org.bighead.registry.client.ModelBundle;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bighead batch-score REF --input PATH --output OUT.parquet}: a bundle over a data set, on Apache Spark. */
@Command(
        name = "bighead batch-score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score a data set with a model on Apache Spark (embedded in local mode by default) and write Parquet:"
                    + " the input columns unchanged, then prediction (+ probability(CLASS) for classifiers) and error."
                    + " A row the model cannot score keeps going with its reason in error; the run reports how many.",
            "The output appears whole or not at all. Rows are scored with the plan of the notebook and of"
                    + " ./bighead serve and predict: the same bundle gives the same numbers."
        })
public final class BatchScoreMain implements Callable<Integer> {
    @Mixin
    BatchScoreOptions options = new BatchScoreOptions();

    @Setting("registry.url")
    @Option(
            names = "--registry",
            paramLabel = "URL",
            description = "The registry for NAME@ALIAS and NAME/V (default BIGHEAD_REGISTRY_URL, else"
                    + " http://127.0.0.1:8470); BIGHEAD_REGISTRY_TOKEN when it needs one.")
    String registry;

    @Option(
            names = "--trust-code",
            description = "Load the code a bundle file carries (classes written in a notebook): loading runs it, so"
                    + " only for files you trust. Registry versions are trusted.")
    boolean trustCode;

    @Option(
            names = "--json",
            description = "Print the outcome as one JSON object (model, version, rows, badRows, seconds, output, and"
                    + " preview: the output's first " + BatchOutcome.PREVIEW_ROWS + " rows) instead of the line, which"
                    + " then goes to stderr.")
    boolean json;

    private Settings settings = Settings.of(java.util.Map.of(), java.util.Map.of());

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        String input = options.input;
        String output = options.output;
        java.util.Optional<String> refusal = options.refusal(input, output);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get()); // before Spark starts: a quick answer
        }
        // a token is a secret: from BIGHEAD_REGISTRY_TOKEN or the (owner-only) config file, never from argv
        RegistryClient client = new RegistryClient(
                registry != null ? registry : RegistryClient.DEFAULT_URL,
                settings.get("registry.token").orElse(null));
        ModelBundle bundle = ModelBundle.resolve(options.ref, client, ModelBundle.defaultCache());
        // a damaged bundle, or an untrusted one with code, fails here, before Spark starts
        ExecutorPipelines.check(bundle, trustCode);
        try (SparkSession spark = session(options.master);
                Stop stop = Stop.onShutdown(spark)) {
            spark.sparkContext().addSparkListener(new StageProgress(System.err));
            BatchScoring.Result result =
                    BatchScoring.run(spark, bundle, input, output, options.replace, stop::removeOnStop);
            stop.wrote();
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format(
                    Locale.ROOT,
                    "scored %,d rows with %s %s in %.1f s: %,d bad rows%s; wrote %s",
                    result.rows(),
                    bundle.name(),
                    bundle.version(),
                    seconds,
                    result.badRows(),
                    result.badRows() > 0 ? " (their error column says why)" : "",
                    result.output());
            if (json) {
                // read before the line, so that the line is the last a person sees (Spark's reads log stages too)
                BatchScoring.Preview first = BatchScoring.preview(spark, result.output(), BatchOutcome.PREVIEW_ROWS);
                BatchOutcome outcome = new BatchOutcome(
                        bundle.name(),
                        bundle.version(),
                        result.rows(),
                        result.badRows(),
                        seconds,
                        result.output(),
                        first.columns(),
                        first.rows());
                System.err.println(line);
                System.out.println(outcome.json());
            } else {
                System.out.println(line);
            }
        }
        return 0;
    }

    /**
     * What a stopped run (SIGTERM, Ctrl-C, a notebook cell interrupted) does: one line instead of Spark's stack
     * traces, then Spark stopped and the hidden folder it was writing in removed, so nothing half-written is left.
     * Registered with Hadoop's shutdown hooks, which run in order: before Spark's own (it stops the session while
     * files are written) and before Hadoop's file systems close (the folder is removed through them).
     */
    static final class Stop implements Runnable, AutoCloseable {
        private static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40; // Spark's hooks run at +30
        static volatile boolean stopping;

        private final SparkSession spark;
        private final AtomicReference<Path> temp = new AtomicReference<>();
        private volatile boolean done;
        private volatile boolean wrote;

        private Stop(SparkSession spark) {
            this.spark = spark;
        }

        static Stop onShutdown(SparkSession spark) {
            Stop stop = new Stop(spark);
            ShutdownHookManager.get().addShutdownHook(stop, PRIORITY);
            return stop;
        }

        void removeOnStop(Path folder) {
            temp.set(folder);
        }

        /** The output is in its place (what remains is its preview). */
        void wrote() {
            wrote = true;
        }

        /** The run ended, done or failed: its exit (System.exit) is no stop. */
        @Override
        public void close() {
            done = true;
            try {
                ShutdownHookManager.get().removeShutdownHook(this);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: done says it has nothing to do
            }
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            stopping = true;
            System.err.println(
                    "bighead batch-score: stopped; " + (wrote ? "the output was written" : "nothing was written"));
            try {
                spark.sparkContext().setLogLevel("OFF"); // the aborted job's stack traces are no news
                spark.stop();
            } finally {
                Path folder = temp.get();
                if (folder != null) {
                    try {
                        folder.getFileSystem(spark.sparkContext().hadoopConfiguration())
                                .delete(folder, true);
                    } catch (IOException | RuntimeException e) {
                        System.err.println("bighead batch-score: could not remove " + folder + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * A Spark session for one run: the given master, else spark-submit's, else local[*]; no UI, console progress
     * bar off (one line per stage instead), and in local mode the driver bound to 127.0.0.1.
     */
    static SparkSession session(String master) {
        SparkConf conf = new SparkConf(); // spark-submit's settings arrive as spark.* system properties
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        conf.setMaster(m)
                .setIfMissing("spark.app.name", "bighead batch-score")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.sql.debug.maxToStringFields", "10000"); // no warning for a wide plan
        if (m.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            // Four input splits a core, so no core idles while another finishes a larger split (Spark's default
            // aims at one a core: three uneven splits on two cores left one idle for a third of the run).
            conf.setIfMissing("spark.sql.files.minPartitionNum", String.valueOf(4 * localCores(m)));
        } else {
            ClusterMaster.requireAnswer(m);
            if (!conf.contains("spark.jars")) {
                // from ./bighead (spark-submit sets spark.jars): the executors need this module's classes and their
                // dependencies but Spark's, as spark-submit --jars would give them
                conf.set("spark.jars", String.join(",", ClusterMaster.jars()));
            }
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    private static final java.util.regex.Pattern LOCAL =
            java.util.regex.Pattern.compile("local\\[(\\*|\\d{1,6})(,\\d+)?]");

    /** The cores of a local master: local[N] (or local[N,F]), local[*] every processor, local one. */
    static int localCores(String master) {
        java.util.regex.Matcher m = LOCAL.matcher(master);
        if (!m.matches()) return 1;
        return m.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Math.max(1, Integer.parseInt(m.group(1)));
    }

    /** Runs the command and exits with its code: 0 done (bad rows included), 1 failed, 2 usage. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The command's exit code for {@code args} (tests call this; main exits with it). */
    static int run(String... args) {
        BatchScoreMain command = new BatchScoreMain();
        CommandLine cli;
        try {
            command.settings = Settings.load();
            cli = SettingsDefaults.install(new CommandLine(command), "batch-score", command.settings);
        } catch (SettingsException e) {
            System.err.println("bighead batch-score: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (Stop.stopping) {
                return 1; // the stop said it in one line; the run failing under it is no news
            }
            boolean expected = e instanceof IOException
                    || e instanceof java.io.UncheckedIOException
                    || e instanceof IllegalArgumentException
                    || e instanceof PipelineException
                    || e instanceof RegistryException;
            System.err.println(
                    "bighead batch-score: " + StageProgress.firstLine(expected ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }
}
