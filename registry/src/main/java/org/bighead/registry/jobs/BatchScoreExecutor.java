package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.registry.Json;
import org.bighead.registry.store.JobRow;

/**
 * Runs a batch-score job as a child process, {@code BIGHEAD batch-score REF --input IN --output OUT}, with
 * {@code {date}} (the logical date, yyyy-MM-dd in the job's zone), {@code {time}} (yyyyMMdd'T'HHmm) and {@code
 * {job}} replaced in the input and output paths.
 */
public final class BatchScoreExecutor implements JobExecutor {
    private static final Pattern SCORED = Pattern.compile("scored ([0-9,]+) rows");

    private final List<String> bighead;
    private final Map<String, String> environment;

    /** Runs {@code bighead} (the launcher and any leading arguments) with these extra environment variables. */
    public BatchScoreExecutor(List<String> bighead, Map<String, String> environment) {
        this.bighead = List.copyOf(bighead);
        this.environment = Map.copyOf(environment);
    }

    /** {@code template} with {date}, {time} and {job} replaced for this run. */
    public static String expand(String template, String job, Instant logicalTime, ZoneId zone) {
        var local = logicalTime.atZone(zone);
        return template.replace("{date}", DateTimeFormatter.ISO_LOCAL_DATE.format(local))
                .replace(
                        "{time}", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").format(local))
                .replace("{job}", job);
    }

    @Override
    public RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout, String token)
            throws InterruptedException {
        ObjectNode outputs = Json.MAPPER.createObjectNode();
        ZoneId zone = ZoneId.of(job.timeZone());
        String input = expand(job.spec().path("input").asText(), job.name(), logicalTime, zone);
        String output = expand(job.spec().path("output").asText(), job.name(), logicalTime, zone);
        boolean local = !output.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        if (local && attempt > 1 && Files.exists(Path.of(output))) {
            // batch-score writes OUT whole or not at all: an earlier attempt, cut off by a registry that died while
            // its child process went on, finished this logical time's output
            outputs.put("input", input);
            outputs.put("output", output);
            outputs.putArray("files").add(output);
            return new RunResult(
                    true, outputs, "output " + output + " was written by an earlier attempt of this run", "");
        }
        if (local) {
            // batch-score wants the output's folder to exist; a {date} in the path makes a new one per run
            try {
                Path parent = Path.of(output).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException | InvalidPathException e) {
                return new RunResult(false, outputs, "cannot make the folder of output " + output + ": " + e, "");
            }
        }
        List<String> command = new ArrayList<>(bighead);
        command.addAll(List.of("batch-score", job.modelRef(), "--input", input, "--output", output));
        ChildProcess.Outcome ended = ChildProcess.launch(
                command, ChildProcess.withToken(environment, token), timeout, job.name(), "batch-score");
        String log = ended.log();
        outputs.put("input", input);
        outputs.put("output", output);
        if (!ended.succeeded()) {
            return new RunResult(false, outputs, ended.failure(), log);
        }
        Matcher m = SCORED.matcher(log);
        if (m.find()) {
            outputs.put("rows", Long.parseLong(m.group(1).replace(",", "")));
        }
        outputs.putArray("files").add(output);
        return new RunResult(true, outputs, "scored into " + output, log);
    }
}
