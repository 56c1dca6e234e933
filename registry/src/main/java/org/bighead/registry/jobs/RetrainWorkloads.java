package org.bighead.registry.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.bighead.registry.jobs.compute.JobWorkload;

/**
 * A retrain run as a workload in the version's environment image (a notebook image: Jupyter and the Bighead
 * kernel): {@code jupyter nbconvert --execute} of the recipe, the way {@code bighead notebook run} runs it. Pure.
 *
 * <p>The recipe travels in the workload's environment ({@code BIGHEAD_JOB_NOTEBOOK}, gzip and base64) and is written
 * to {@code BIGHEAD_JOB_DIR} before the kernel starts, so the same workload runs on an EC2 instance, which sees
 * nothing of this machine. On local Docker the run's folder is mounted too (the executed notebook lands there, as
 * with a child process) and so is the input when it is a file here; on EC2 the input must be a URL the instance can
 * read.
 */
final class RetrainWorkloads {
    /** Label (tag) with the run, {@code JOB@LOGICAL_TIME}: what the sweeper and people find a job's workload by. */
    static final String JOB_RUN_LABEL = "org.bighead.job-run";

    /** Where the recipe goes inside an instance that has no folder of ours. */
    static final String INSTANCE_DIR = "/tmp/bighead-job";

    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "d=\"$BIGHEAD_JOB_DIR\"",
            "mkdir -p \"$d\"",
            "[ -f \"$d/recipe.ipynb\" ] || python3 -c 'import base64, gzip, os, sys;"
                    + " sys.stdout.buffer.write(gzip.decompress(base64.b64decode(os.environ[\"BIGHEAD_JOB_NOTEBOOK\"])))'"
                    + " > \"$d/recipe.ipynb\"",
            "exec jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=bighead"
                    + " --ExecutePreprocessor.timeout=None --output-dir \"$d\" --output executed.ipynb"
                    + " \"$d/recipe.ipynb\"");

    private RetrainWorkloads() {}

    /** What the run needs from the registry: its parts, where, and the variables every job gets. */
    record Run(
            String job,
            Instant logicalTime,
            int attempt,
            String image,
            String instanceType,
            String backend,
            String runDir,
            String notebook,
            String input,
            Map<String, String> environment) {}

    /**
     * The workload of {@code run}.
     *
     * @throws IllegalArgumentException when the input is a file of this machine and the back end is EC2
     */
    static JobWorkload of(Run run) {
        boolean local = run.backend().equals("docker");
        String runId = RetrainExecutor.runId(run.job(), run.logicalTime());
        Map<String, String> env = new LinkedHashMap<>(run.environment());
        env.put("BIGHEAD_JOB_RUN", runId);
        env.put("BIGHEAD_IMAGE", run.image()); // %bighead register records it as the new version's image
        env.put("BIGHEAD_INSTANCE_TYPE", run.instanceType());
        env.put("BIGHEAD_BACKEND", run.backend());
        env.put("BIGHEAD_JOB_DIR", local ? run.runDir() : INSTANCE_DIR);
        env.put("BIGHEAD_JOB_NOTEBOOK", pack(run.notebook()));
        List<JobWorkload.Mount> mounts = new java.util.ArrayList<>();
        if (local) {
            mounts.add(new JobWorkload.Mount(run.runDir(), false));
        }
        if (run.input() != null && !isUrl(run.input())) {
            if (!local) {
                throw new IllegalArgumentException("input " + run.input() + " is a file of the registry's machine,"
                        + " which an EC2 instance cannot read: give the job its data by URL (s3://…)");
            }
            if (run.input().startsWith("/")) {
                mounts.add(new JobWorkload.Mount(run.input(), true));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.bighead.owner", "job:" + run.job());
        labels.put("org.bighead.purpose", "job");
        labels.put(JOB_RUN_LABEL, runId);
        String name = ("bighead-job-" + run.job() + "-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                                .format(run.logicalTime().atOffset(ZoneOffset.UTC))
                        + "-" + run.attempt())
                .replaceAll("[^a-zA-Z0-9_.-]", "-");
        return new JobWorkload(run.image(), run.instanceType(), List.of("sh", "-c", SCRIPT), env, mounts, labels, name);
    }

    static boolean isUrl(String path) {
        return path.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** gzip, then base64: a recipe of lineage cells fits EC2's 16 KB of user data many times over. */
    static String pack(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
