package org.bighead.productionize;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.FittedPipeline;
import org.bighead.pipeline.Scorer;
import org.bighead.pipeline.bundle.Bundle;
import org.bighead.pipeline.bundle.BundleCode;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.Registered;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.VersionInfo;

/**
 * The export flow: validate → capture → register → serve → schedule, each step reported to an
 * {@link ExportListener} with its time, and a failure at any step undoing what the earlier ones made (the version,
 * the alias move, the endpoint, the jobs) before it says which step failed and why. One flow behind the three faces:
 * {@code %bighead export}, the Export widget and {@code ./bighead export}.
 */
public final class Exporter {
    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** A sane bundle: a bigger one (a model memorising its data?) takes minutes to ship, load and swap. */
    static final int MAX_BUNDLE_BYTES = 1 << 30;

    private final RegistryClient registry;
    private final Deployer deployer;

    /** Exports to {@code registry}; {@code deployer} runs serve steps (null: exports with --serve are refused). */
    public Exporter(RegistryClient registry, Deployer deployer) {
        this.registry = registry;
        this.deployer = deployer;
    }

    /** What an export made. */
    public record Result(
            String model,
            int version,
            boolean unchanged,
            String alias,
            String endpoint,
            List<String> jobs,
            Map<String, Long> stepMillis) {

        /** The version's page in the registry UI. */
        public String versionUrl(String registryUrl) {
            return registryUrl + "/#/models/" + model + "/versions/" + version;
        }
    }

    /**
     * Runs the flow for {@code model}.
     *
     * @throws ExportException naming the failed step, after rolling back what earlier steps made
     */
    public Result export(FittedPipeline model, Provenance provenance, ExportRequest request, ExportListener listener) {
        return export(model, null, provenance, request, listener);
    }

    /**
     * Runs the flow for a bundle file's bytes, registered as they are (a file keeps the code it carries; saving it
     * again outside the notebook that wrote the code could not), {@code model} being what they load as.
     */
    public Result export(
            FittedPipeline model,
            byte[] bundleBytes,
            Provenance provenance,
            ExportRequest request,
            ExportListener listener) {
        Run run = new Run(listener);
        try {
            List<ScheduleSpec> jobs = run.step(ExportStep.VALIDATE, () -> validate(model, request, run));
            byte[] bundle = run.step(ExportStep.CAPTURE, () -> capture(model, bundleBytes));
            Registered registered = run.step(ExportStep.REGISTER, () -> register(bundle, provenance, request, run));
            int version = registered.version().version();
            String ref = request.followedRef(version);
            String endpoint = null;
            if (request.serve() == null) {
                listener.skipped(ExportStep.SERVE);
            } else {
                Deployer.Deployed deployed = run.step(ExportStep.SERVE, () -> serve(ref, request, provenance, run));
                endpoint = deployed.url();
            }
            List<String> jobNames = new ArrayList<>();
            if (jobs.isEmpty()) {
                listener.skipped(ExportStep.SCHEDULE);
            } else {
                run.step(ExportStep.SCHEDULE, () -> schedule(jobs, ref, run, jobNames));
            }
            return new Result(
                    request.name(),
                    version,
                    registered.existing(),
                    request.alias(),
                    endpoint,
                    List.copyOf(jobNames),
                    Map.copyOf(run.millis));
        } catch (ExportException e) {
            run.rollBack();
            throw e;
        }
    }

    // ---- validate

    private List<ScheduleSpec> validate(FittedPipeline model, ExportRequest request, Run run) {
        if (request.name() == null
                || !MODEL_NAME.matcher(request.name()).matches()
                || request.name().contains("..")) {
            throw new IllegalArgumentException("--name '" + request.name() + "' is not a model name: 1-64 lower-case"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (request.alias() != null && !ALIAS.matcher(request.alias()).matches()) {
            throw new IllegalArgumentException("--alias '" + request.alias() + "' is not an alias: 1-32 lower-case"
                    + " letters, digits, '_' or '-', starting with a letter");
        }
        if (request.serve() != null && deployer == null) {
            throw new IllegalArgumentException("this export cannot serve (no deployer); drop --serve");
        }
        List<ScheduleSpec> jobs = new ArrayList<>();
        // paths typed in a notebook or a terminal start at its folder, not at the registry's
        java.nio.file.Path here = request.folder();
        for (String line : request.schedules()) {
            jobs.add(
                    ScheduleSpec.schedule(line, request.name(), request.alias()).resolvedAgainst(here));
        }
        for (String line : request.batches()) {
            jobs.add(ScheduleSpec.batch(line, request.name(), request.alias()).resolvedAgainst(here));
        }
        java.util.Set<String> recorded = new java.util.TreeSet<>();
        model.metrics().forEach((set, values) -> values.keySet().forEach(m -> recorded.add(set + "." + m)));
        for (ScheduleSpec job : jobs) {
            Object metric = job.options().get("metric");
            if (metric != null && !recorded.contains(metric.toString())) {
                throw new IllegalArgumentException("job " + job.job() + " compares on " + metric + ", which this model"
                        + " never recorded; it has "
                        + (recorded.isEmpty() ? "no metrics (evaluate it first)" : recorded));
            }
        }
        for (Field f : model.inputSchema().fields()) {
            if (f.name() == null || f.name().isBlank() || f.kind() == null) {
                throw new IllegalArgumentException("the pipeline's input schema is incomplete: column '" + f.name()
                        + "' has no kind; fit the pipeline again");
            }
        }
        if (model.inputSchema().fields().isEmpty()) {
            throw new IllegalArgumentException("the pipeline takes no input columns; nothing could call it");
        }
        int rows = smokePredictions(model).length; // throws with the row's problem
        run.detail(model.inputSchema().fields().size() + " input columns, " + rows + " smoke predictions"
                + (jobs.isEmpty() ? "" : ", " + jobs.size() + " job(s)"));
        return jobs;
    }

    private static double[][] smokePredictions(FittedPipeline model) {
        List<Map<String, Object>> rows = SmokeRows.of(model);
        Scorer scorer = model.scorer();
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            try {
                double value = scorer.score(rows.get(i));
                double[] row = new double[1 + model.classes().size()];
                row[0] = value;
                for (int k = 0; k < model.classes().size(); k++) {
                    row[k + 1] = scorer.probability(k);
                }
                out[i] = row;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("a smoke prediction on a typical training row failed: "
                        + e.getMessage() + " (row " + rows.get(i) + ")");
            }
        }
        return out;
    }

    // ---- capture

    /**
     * The bundle, carrying the code of classes the notebook wrote; read back (trusting its code, which is ours) and
     * checked to predict the smoke rows exactly as the model in memory does, so what gets registered behaves the same.
     */
    private static byte[] capture(FittedPipeline model, byte[] given) throws IOException {
        byte[] bundle = given != null ? given : Bundle.toBytes(model);
        if (bundle.length >= MAX_BUNDLE_BYTES) {
            throw new IllegalArgumentException("the bundle is " + (bundle.length >> 20) + " MB, more than an endpoint"
                    + " should load (" + (MAX_BUNDLE_BYTES >> 20) + " MB)");
        }
        FittedPipeline reloaded =
                Bundle.read(new ByteArrayInputStream(bundle), "the captured bundle", BundleCode.TRUST);
        double[][] expected = smokePredictions(model);
        double[][] actual = smokePredictions(reloaded);
        for (int i = 0; i < expected.length; i++) {
            if (!java.util.Arrays.equals(expected[i], actual[i])) {
                throw new IllegalStateException("the saved bundle predicts " + java.util.Arrays.toString(actual[i])
                        + " where the model in memory predicts " + java.util.Arrays.toString(expected[i])
                        + " on smoke row " + i + "; a stage does not save all it uses");
            }
        }
        return bundle;
    }

    // ---- register

    private Registered register(byte[] bundle, Provenance provenance, ExportRequest request, Run run)
            throws IOException {
        Path dir = Files.createTempDirectory("bighead-export-");
        Path file = dir.resolve(request.name() + ".bighead");
        Registered registered;
        try {
            Files.write(file, bundle);
            registered = registry.register(request.name(), file, versionInfo(provenance), request.force());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        int version = registered.version().version();
        if (!registered.existing()) {
            run.undo(
                    "deleted " + request.name() + " v" + version,
                    () -> registry.deleteVersion(request.name(), version));
        }
        if (request.alias() != null) {
            Integer before = registry.aliases(request.name()).get(request.alias());
            if (before == null || before != version) {
                registry.setAlias(request.name(), request.alias(), version, "export");
                run.undo(
                        before == null
                                ? "removed alias " + request.alias()
                                : "moved " + request.alias() + " back to v" + before,
                        () -> {
                            if (before == null) {
                                registry.deleteAlias(request.name(), request.alias());
                            } else {
                                registry.setAlias(request.name(), request.alias(), before, "export rolled back");
                            }
                        });
            }
        }
        return registered;
    }

    private static VersionInfo versionInfo(Provenance p) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (p.environment() != null) {
            tags.put("environment", p.environment());
        }
        if (!p.dependencies().isEmpty()) {
            tags.put("dependencies", String.join(" ", p.dependencies()));
        }
        Lineage lineage = new Lineage(
                p.notebook(),
                p.cells().isEmpty() ? null : p.cells(),
                p.environmentImage(),
                null,
                null,
                p.user(),
                p.expression(),
                null);
        return new VersionInfo(null, null, tags.isEmpty() ? null : tags, lineage, null);
    }

    // ---- serve

    private Deployer.Deployed serve(String ref, ExportRequest request, Provenance provenance, Run run) {
        Deployer.Deployed deployed = deployer.deploy(request.name(), ref, request.serve(), provenance);
        if (deployed.started()) {
            run.undo(
                    "stopped " + deployed.target() + " deployment " + deployed.name(), () -> deployer.remove(deployed));
        }
        run.detail(deployed.url() + (deployed.started() ? "" : " (already serving " + ref + ")"));
        return deployed;
    }

    // ---- schedule

    private Void schedule(List<ScheduleSpec> jobs, String ref, Run run, List<String> names) {
        List<String> details = new ArrayList<>();
        // conflicts first, so a clash creates nothing
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (ScheduleSpec spec : jobs) {
            JsonNode existing = existingJob(spec.job());
            if (existing != null) {
                // the registry has no job update, and delete-and-create would drop the job's run history: an
                // export whose job differs says what differs and leaves the choice to the user
                List<String> differences = spec.differences(existing, ref);
                if (!differences.isEmpty()) {
                    throw new IllegalArgumentException("job " + spec.job() + " exists with other settings: "
                            + String.join(", ", differences) + "; delete it first (./bighead jobs delete "
                            + spec.job() + ") or name this one with --job NAME");
                }
                kept.add(spec.job());
            }
        }
        for (ScheduleSpec spec : jobs) {
            if (kept.contains(spec.job())) {
                details.add(spec.job() + " (kept)");
            } else {
                registry.createJob(spec.toJson(ref));
                run.undo("deleted job " + spec.job(), () -> registry.deleteJob(spec.job()));
                details.add(spec.job() + " " + spec.schedule());
            }
            names.add(spec.job());
        }
        run.detail(String.join(", ", details));
        return null;
    }

    private JsonNode existingJob(String name) {
        try {
            return registry.job(name);
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    // ---- steps, timing and rollback

    @FunctionalInterface
    private interface StepBody<T> {
        T run() throws Exception;
    }

    /** One export's progress: step timings, the detail of the running step, and the undo actions so far. */
    private static final class Run {
        private final ExportListener listener;
        private final Deque<Map.Entry<String, Runnable>> undo = new ArrayDeque<>();
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private String detail;

        Run(ExportListener listener) {
            this.listener = listener;
        }

        <T> T step(ExportStep step, StepBody<T> body) {
            listener.started(step);
            detail = null;
            long start = System.nanoTime();
            try {
                T result = body.run();
                long took = (System.nanoTime() - start) / 1_000_000;
                millis.put(step.label(), took);
                listener.done(step, took, detail != null ? detail : describe(result));
                return result;
            } catch (Exception e) {
                long took = (System.nanoTime() - start) / 1_000_000;
                String message = message(e);
                listener.failed(step, took, message);
                throw new ExportException(step, step.label() + " failed: " + message);
            }
        }

        void detail(String text) {
            detail = text;
        }

        void undo(String what, Runnable action) {
            undo.push(Map.entry(what, action));
        }

        void rollBack() {
            while (!undo.isEmpty()) {
                Map.Entry<String, Runnable> action = undo.pop();
                try {
                    action.getValue().run();
                    listener.rolledBack(action.getKey());
                } catch (RuntimeException e) {
                    listener.rolledBack("could not roll back (" + action.getKey() + "): " + message(e));
                }
            }
        }

        private static String describe(Object result) {
            if (result instanceof Registered r) {
                return (r.existing() ? "unchanged: already registered as " : "registered ")
                        + r.version().model() + " v" + r.version().version();
            }
            if (result instanceof byte[] bundle) {
                return bundle.length < 1_000_000
                        ? String.format(java.util.Locale.ROOT, "bundle %.0f kB", bundle.length / 1e3)
                        : String.format(java.util.Locale.ROOT, "bundle %.1f MB", bundle.length / 1e6);
            }
            return "";
        }

        private static String message(Throwable e) {
            String text = e.getMessage();
            return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
        }
    }
}
