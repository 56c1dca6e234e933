package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.registry.Json;
import org.bighead.registry.store.JobRow;

/**
 * Runs a batch-score job as a child process, {@code BIGHEAD batch-score REF --input IN --output OUT}, with
 * {@code {date}} (the logical date, yyyy-MM-dd in the job's zone), {@code {time}} (yyyyMMdd'T'HHmm) and {@code
 * {job}} replaced in the input and output paths. Output beyond {@link #TAIL_CHARS} keeps its end. Retrain and
 * evaluate fail with a message saying they are not implemented yet.
 */
public final class ProcessExecutor implements JobExecutor {
    /** How much of a run's log is kept. */
    public static final int TAIL_CHARS = 4000;

    private static final Pattern SCORED = Pattern.compile("scored ([0-9,]+) rows");

    private final List<String> bighead;
    private final Map<String, String> environment;

    /** Runs {@code bighead} (the launcher and any leading arguments) with these extra environment variables. */
    public ProcessExecutor(List<String> bighead, Map<String, String> environment) {
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
    public RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout) throws InterruptedException {
        ObjectNode outputs = Json.MAPPER.createObjectNode();
        if (!job.kind().equals(JobKind.BATCH_SCORE.text())) {
            return new RunResult(
                    false,
                    outputs,
                    job.kind() + " jobs are not implemented yet: the job is stored and scheduled, but its runs fail"
                            + " until they are (batch-score runs)",
                    "");
        }
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
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new RunResult(false, outputs, "could not start " + String.join(" ", command) + ": " + e, "");
        }
        Tail tail = new Tail(p.getInputStream());
        Thread reader = new Thread(tail, "job-log-" + job.name());
        reader.setDaemon(true);
        reader.start();
        boolean ended;
        try {
            ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(5_000);
        String log = tail.text();
        outputs.put("input", input);
        outputs.put("output", output);
        if (!ended) {
            return new RunResult(
                    false, outputs, "timed out after " + timeout.toSeconds() + " s; the process was killed", log);
        }
        if (p.exitValue() != 0) {
            return new RunResult(false, outputs, "batch-score exited with status " + p.exitValue(), log);
        }
        Matcher m = SCORED.matcher(log);
        if (m.find()) {
            outputs.put("rows", Long.parseLong(m.group(1).replace(",", "")));
        }
        outputs.putArray("files").add(output);
        return new RunResult(true, outputs, "scored into " + output, log);
    }

    /** Reads a stream to its end, keeping the last {@link #TAIL_CHARS} characters. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > 2 * TAIL_CHARS) {
                            text.delete(0, text.length() - TAIL_CHARS);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed: keep what was read
            }
        }

        String text() {
            synchronized (text) {
                return text.length() > TAIL_CHARS ? text.substring(text.length() - TAIL_CHARS) : text.toString();
            }
        }
    }
}
