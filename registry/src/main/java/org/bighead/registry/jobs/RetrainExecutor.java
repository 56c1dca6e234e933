package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.registry.Json;
import org.bighead.registry.Times;
import org.bighead.registry.jobs.compute.JobCompute;
import org.bighead.registry.jobs.compute.JobWorkload;
import org.bighead.registry.store.AliasStore;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.NotFoundException;
import org.bighead.registry.store.VersionRefs;
import org.bighead.registry.store.VersionRow;

/**
 * Runs a retrain job: the model's training recipe — the notebook the job names, else the cells its version's
 * lineage kept followed by {@code %bighead register} — headless in the Bighead kernel ({@code bighead notebook
 * run}), with the run's parameters injected ({@code data}: the job's input, {@code run_date}, {@code job}). A
 * version that recorded its environment image is retrained in that image, as a workload on the compute back end
 * ({@code jobs.compute}: {@code docker} or {@code ec2}) on the job's instance type; a version without one runs on
 * this host's kernel as a child process. The notebook registers the new version itself; its
 * lineage points at this run ({@code BIGHEAD_JOB_RUN}). Then the job's alias moves to it only if it beats the alias's
 * version on the job's metric by the job's margin; otherwise the version stays, unpromoted, and the run says why.
 *
 * <p>A retried attempt whose notebook already registered a version (the registry died mid-run) does not train
 * again: it decides on that version.
 */
public final class RetrainExecutor implements JobExecutor {
    private final List<String> bighead;
    private final Map<String, String> environment;
    private final ModelStore models;
    private final AliasStore aliases;
    private final Path runsDir;
    private final Workloads workloads;

    /** Where image runs go: the back end (null: none configured, {@code jobs.compute=local}) and its defaults. */
    public record Workloads(
            JobCompute compute, String defaultInstanceType, Map<String, String> environment, Duration poll) {
        /** No back end: a version with an image cannot be retrained here. */
        public static Workloads none() {
            return new Workloads(null, null, Map.of(), Duration.ofSeconds(1));
        }
    }

    /** Runs {@code bighead notebook run} with these extra environment variables, in folders under {@code runsDir}. */
    public RetrainExecutor(
            List<String> bighead,
            Map<String, String> environment,
            ModelStore models,
            AliasStore aliases,
            Path runsDir) {
        this(bighead, environment, models, aliases, runsDir, Workloads.none());
    }

    /** As above; versions with an image run through {@code workloads}. */
    public RetrainExecutor(
            List<String> bighead,
            Map<String, String> environment,
            ModelStore models,
            AliasStore aliases,
            Path runsDir,
            Workloads workloads) {
        this.bighead = List.copyOf(bighead);
        this.environment = Map.copyOf(environment);
        this.models = models;
        this.aliases = aliases;
        this.runsDir = runsDir;
        this.workloads = workloads;
    }

    /** What a version's lineage says about the run that registered it: {@code JOB@LOGICAL_TIME}. */
    public static String runId(String job, Instant logicalTime) {
        return job + "@" + Times.format(logicalTime);
    }

    @Override
    public RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout, String token)
            throws InterruptedException {
        ObjectNode outputs = Json.MAPPER.createObjectNode();
        JsonNode spec = job.spec();
        String metric = spec.path("metric").asText();
        String alias = spec.path("promoteTo").asText();
        String runId = runId(job.name(), logicalTime);
        VersionRow recipe;
        try {
            recipe = VersionRefs.resolve(models, aliases, job.modelRef());
        } catch (NotFoundException | IllegalArgumentException e) {
            return new RunResult(false, outputs, "model " + job.modelRef() + ": " + e.getMessage(), "");
        }
        String log = "";
        VersionRow candidate = registeredBy(recipe.model(), runId);
        if (candidate == null) {
            ZoneId zone = ZoneId.of(job.timeZone());
            Path dir = runsDir.resolve(job.name())
                    .resolve(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                    .format(logicalTime.atZone(ZoneId.of("UTC")))
                            + "-attempt-" + attempt);
            String input = spec.hasNonNull("input")
                    ? BatchScoreExecutor.expand(spec.path("input").asText(), job.name(), logicalTime, zone)
                    : null;
            Path notebook;
            try {
                notebook = prepare(job, recipe, input, logicalTime, zone, dir);
            } catch (IOException | IllegalArgumentException e) {
                return new RunResult(false, outputs, e.getMessage(), "");
            }
            outputs.put("notebook", dir.resolve("executed.ipynb").toString());
            if (input != null) {
                outputs.put("input", input);
            }
            String image = recipe.lineage().path("environmentImage").asText("");
            ChildProcess.Outcome ended;
            if (image.isBlank()) {
                Map<String, String> env = ChildProcess.withToken(environment, token);
                env.put("BIGHEAD_JOB_RUN", runId);
                List<String> command = new ArrayList<>(bighead);
                command.addAll(List.of(
                        "notebook",
                        "run",
                        notebook.toString(),
                        "--out",
                        dir.resolve("executed.ipynb").toString()));
                ended = ChildProcess.launch(command, env, timeout, job.name(), "the training notebook");
            } else {
                JobWorkload workload;
                try {
                    workload = workload(job, recipe, image, input, logicalTime, attempt, dir, notebook, token);
                } catch (IOException | IllegalArgumentException e) {
                    return new RunResult(false, outputs, e.getMessage(), "");
                }
                outputs.put("compute", workloads.compute().backend());
                outputs.put("image", image);
                outputs.put("instanceType", workload.instanceType());
                ended = WorkloadRun.run(
                        workloads.compute(), workload, timeout, workloads.poll(), "the training notebook");
            }
            log = ended.log();
            if (!ended.succeeded()) {
                return new RunResult(false, outputs, ended.failure() + " (its log says why)", log);
            }
            candidate = registeredBy(recipe.model(), runId);
            if (candidate == null) {
                return new RunResult(
                        false,
                        outputs,
                        "the notebook ran but registered no version of " + recipe.model()
                                + ": its recipe must end with %bighead register " + recipe.model() + " MODEL",
                        log);
            }
        }
        outputs.put("newVersion", candidate.version());
        Integer incumbent;
        try {
            incumbent = aliases.alias(recipe.model(), alias);
        } catch (NotFoundException e) {
            incumbent = null;
        }
        Double incumbentValue = incumbent == null ? null : value(models.version(recipe.model(), incumbent), metric);
        MetricRule.Decision d = MetricRule.of(metric, spec.path("better").textValue())
                .decide(
                        candidate.version(),
                        value(candidate, metric),
                        incumbent,
                        incumbentValue,
                        spec.path("margin").asDouble(0),
                        alias);
        if (d.promote() && (incumbent == null || incumbent != candidate.version())) {
            aliases.moveAlias(
                    recipe.model(),
                    alias,
                    candidate.version(),
                    "retrain job " + runId + ": " + d.reason(),
                    "job:" + job.name());
        }
        outputs.put("promoted", d.promote());
        outputs.put("alias", alias);
        outputs.put("reason", d.reason());
        if (value(candidate, metric) != null) {
            outputs.putObject("metrics").put(metric, value(candidate, metric));
        }
        String message = recipe.model() + " v" + candidate.version() + " registered; "
                + (d.promote() ? alias + " → v" + candidate.version() : "kept, not promoted") + ": " + d.reason();
        return new RunResult(true, outputs, message, log);
    }

    /** Writes the notebook with its parameters into {@code dir}; returns its path. */
    private static Path prepare(JobRow job, VersionRow recipe, String input, Instant logicalTime, ZoneId zone, Path dir)
            throws IOException {
        List<RecipeNotebook.Cell> cells = recipeCells(job.spec(), recipe);
        Map<String, String> params = new LinkedHashMap<>();
        if (input != null) {
            params.put("data", input);
        }
        params.put("run_date", DateTimeFormatter.ISO_LOCAL_DATE.format(logicalTime.atZone(zone)));
        params.put("job", job.name());
        Files.createDirectories(dir);
        Path in = dir.resolve("recipe.ipynb");
        Files.writeString(in, Json.text(RecipeNotebook.build(cells, params)), StandardCharsets.UTF_8);
        return in;
    }

    /** The run as a workload in {@code image}; an error saying what to configure when there is no back end. */
    private JobWorkload workload(
            JobRow job,
            VersionRow recipe,
            String image,
            String input,
            Instant logicalTime,
            int attempt,
            Path dir,
            Path notebook,
            String token)
            throws IOException {
        if (workloads.compute() == null) {
            throw new IllegalArgumentException(recipe.model() + " v" + recipe.version() + " was trained in " + image
                    + ", and retrains run in it through the compute layer: set jobs.compute"
                    + " (BIGHEAD_JOBS_COMPUTE) to docker or ec2");
        }
        try {
            // the image's user (jovyan) writes the executed notebook into the mounted run folder
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the engine's own rules apply
        }
        // the run's own token, never the registry's: the workload registers and promotes as job:NAME
        Map<String, String> env = new LinkedHashMap<>(ChildProcess.withToken(environment, token));
        env.putAll(workloads.environment());
        return RetrainWorkloads.of(new RetrainWorkloads.Run(
                job.name(),
                logicalTime,
                attempt,
                image,
                job.spec().path("instanceType").asText(workloads.defaultInstanceType()),
                workloads.compute().backend(),
                dir.toAbsolutePath().toString(),
                Files.readString(notebook, StandardCharsets.UTF_8),
                input,
                env));
    }

    /** The job's notebook, else the recorded cells of the version with its register expression. */
    static List<RecipeNotebook.Cell> recipeCells(JsonNode spec, VersionRow recipe) throws IOException {
        if (spec.hasNonNull("notebook")) {
            Path notebook = Path.of(spec.path("notebook").asText());
            try {
                return RecipeNotebook.cellsOf(Json.parse(Files.readString(notebook, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                throw new IOException("cannot read the job's notebook " + notebook + ": " + e.getMessage(), e);
            }
        }
        JsonNode lineage = recipe.lineage();
        List<String> cells = new ArrayList<>();
        lineage.path("cells").forEach(c -> cells.add(c.asText()));
        String expression = lineage.path("model").asText("");
        if (cells.isEmpty() || expression.isBlank()) {
            throw new IllegalArgumentException(recipe.model() + " v" + recipe.version()
                    + " has no recorded training cells (it was not registered with %bighead register): give the job"
                    + " a notebook (--notebook PATH)");
        }
        return RecipeNotebook.fromLineage(cells, recipe.model(), expression);
    }

    /** The newest version of {@code model} whose lineage says this run registered it, or null. */
    private VersionRow registeredBy(String model, String runId) {
        List<VersionRow> versions = models.versions(model);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (runId.equals(versions.get(i).lineage().path("jobRun").asText(null))) {
                return versions.get(i);
            }
        }
        return null;
    }

    static Double value(VersionRow v, String metric) {
        JsonNode n = v.metrics().path(metric);
        return n.isNumber() ? n.doubleValue() : null;
    }
}
