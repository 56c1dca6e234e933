package org.bighead.magics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.bighead.config.BatchScoreOptions;
import org.bighead.config.Locations;
import org.bighead.config.OneLineErrors;
import org.bighead.registry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code %bighead batch-score REF --input PATH --output OUT}: {@code ./bighead batch-score} run from the notebook
 * (Spark stays out of the kernel: it runs in that command's own JVM), its progress shown as it comes, then the
 * output's first rows as a table.
 */
@Command(
        name = "batch-score",
        description = {
            "Score a data set on Apache Spark, as ./bighead batch-score does; show the first rows",
            "",
            "Runs ./bighead batch-score REF --input PATH --output OUT in a JVM of its own (Spark embedded in local"
                    + " mode, or --master URL): a line per Spark stage, then how many rows were scored and how many"
                    + " were bad (their error column says why), then the output's first rows. The output is Parquet:"
                    + " the input's columns, then prediction and error. Relative paths start at the notebook's"
                    + " folder; the output must not exist yet, unless --replace: then an earlier batch-score output is"
                    + " replaced once the new one is whole (a failed or stopped run keeps it).",
            "",
            "Examples:",
            "  %%bighead batch-score listing-price@champion --input listings.csv --output scored.parquet",
            "  %%bighead batch-score listing-price/3 --input data/ --output scores/today.parquet --master local[2]"
        })
final class BatchScoreSubcommand implements PicocliSubcommand.Action {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end"; // the stderr reader's last word

    private final Map<String, String> env;
    private final Path workingDir;
    private final Path checkout;

    @Mixin
    BatchScoreOptions options = new BatchScoreOptions();

    /**
     * @param env the registry's URL and token ({@code BIGHEAD_REGISTRY_*}), passed on to the command
     * @param workingDir where relative paths start
     * @param checkout the Bighead checkout whose {@code ./bighead} runs, or null (inside an image: no Spark there)
     */
    BatchScoreSubcommand(Map<String, String> env, Path workingDir, Path checkout) {
        this.env = env;
        this.workingDir = workingDir;
        this.checkout = checkout;
    }

    @Override
    public Object call(MagicContext context) throws IOException {
        if (checkout == null || !Files.isExecutable(checkout.resolve("bighead"))) {
            throw new MagicException("%bighead batch-score runs ./bighead batch-score, which needs the kernel of a"
                    + " Bighead checkout (this one has no bighead.root); run it there, or as a batch-score job");
        }
        String in = local(options.input);
        String out = local(options.output);
        // the command checks these too, after its JVM starts: here the answer comes at once
        options.refusal(in, out).ifPresent(why -> {
            throw new MagicException("%bighead batch-score: " + why);
        });
        List<String> command = new ArrayList<>(List.of(
                checkout.resolve("bighead").toString(),
                "batch-score",
                options.ref,
                "--input",
                in,
                "--output",
                out,
                "--json"));
        if (options.master != null) {
            command.addAll(List.of("--master", options.master));
        }
        if (options.replace) {
            command.add("--replace"); // the command swaps the earlier output out only once the new one is whole
        }
        RegistryClient client = new RegistryAccess(env).client(context.config());
        Path json = Files.createTempFile("bighead-batch-score-", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(checkout.toFile())
                    .redirectOutput(json.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("BIGHEAD_REGISTRY_URL", client.url());
            new RegistryAccess(env)
                    .token(context.config())
                    .ifPresent(t -> pb.environment().put("BIGHEAD_REGISTRY_TOKEN", t));
            String last = follow(ChildProcesses.start(pb), context);
            if (last != null) {
                throw new MagicException("%bighead batch-score: " + last.replaceFirst("^bighead batch-score: ", ""));
            }
            return preview(outcome(json), options.output);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** The command's {@code --json} outcome; what is not JSON is one line saying so. */
    private static JsonNode outcome(Path json) throws IOException {
        String text = Files.readString(json);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String first = text.strip().lines().findFirst().orElse("");
            throw new MagicException("%bighead batch-score: the command succeeded but did not print its outcome as JSON"
                    + (first.isEmpty() ? " (it printed nothing)" : "; it printed: " + abbreviate(first)));
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /**
     * Shows the command's stderr (Spark's stage lines, the summary) as it comes; returns null once it succeeded,
     * else its last line that is not a stack frame (the command's one-line reason). An interrupted cell stops the
     * command, and waits for it to remove what it half wrote.
     */
    private static String follow(Process process, MagicContext context) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader err = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = err.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("reading batch-score's output failed: " + e.getMessage());
                    } finally {
                        lines.add(END);
                    }
                },
                "bighead batch-score stderr");
        reader.setDaemon(true);
        reader.start();
        String last = "";
        try {
            // the queue, not the pipe, is what waits: a cell's interrupt reaches take(), never a blocked read
            for (String line = lines.take(); !line.equals(END); line = lines.take()) {
                context.out().println(line);
                last = line.isBlank() || OneLineErrors.isStackFrame(line) ? last : line;
            }
            return process.waitFor() == 0 ? null : (last.isEmpty() ? "exited " + process.exitValue() : last);
        } catch (InterruptedException e) {
            ChildProcesses.stop(process);
            Thread.currentThread().interrupt();
            throw new MagicException("%bighead batch-score: stopped; the output was not written");
        }
    }

    /**
     * The output's first rows as a table, named after {@code output} as the user typed it: the input's columns as
     * written, then prediction and error.
     */
    static Table preview(JsonNode outcome, String output) {
        JsonNode rows = outcome.path("preview");
        Table table = Table.create(String.format(
                java.util.Locale.ROOT,
                "%s (first %d of %,d rows)",
                output,
                rows.size(),
                outcome.path("rows").asLong()));
        if (rows.isEmpty()) {
            return table;
        }
        for (Iterator<String> names = rows.get(0).fieldNames(); names.hasNext(); ) {
            String name = names.next();
            table.addColumns(column(name, rows));
        }
        return table;
    }

    private static Column<?> column(String name, JsonNode rows) {
        JsonNode sample = JSON.nullNode();
        for (JsonNode row : rows) {
            if (!row.path(name).isNull() && !row.path(name).isMissingNode()) {
                sample = row.path(name);
                break;
            }
        }
        if (sample.isNumber()) {
            DoubleColumn c = DoubleColumn.create(name);
            rows.forEach(r -> {
                if (r.path(name).isNumber()) {
                    c.append(r.path(name).doubleValue());
                } else {
                    c.appendMissing();
                }
            });
            return c;
        }
        if (sample.isBoolean()) {
            BooleanColumn c = BooleanColumn.create(name);
            rows.forEach(r -> {
                if (r.path(name).isBoolean()) {
                    c.append(r.path(name).booleanValue());
                } else {
                    c.appendMissing();
                }
            });
            return c;
        }
        StringColumn c = StringColumn.create(name);
        rows.forEach(r -> {
            if (r.path(name).isNull() || r.path(name).isMissingNode()) {
                c.appendMissing();
            } else {
                c.append(r.path(name).asText());
            }
        });
        return c;
    }

    /** A local path made absolute from the notebook's folder ({@code ~} too); a URL ({@code hdfs://…}) as it is. */
    private String local(String path) {
        if (Locations.isUrl(path)) {
            return path;
        }
        return Locations.resolve(PathArgs.expandHome(path, Path.of(System.getProperty("user.home"))), workingDir);
    }
}
