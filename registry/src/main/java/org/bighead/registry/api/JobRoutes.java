package org.bighead.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.http.HttpError;
import org.bighead.registry.Auth;
import org.bighead.registry.Json;
import org.bighead.registry.Names;
import org.bighead.registry.Times;
import org.bighead.registry.jobs.Cron;
import org.bighead.registry.jobs.JobKind;
import org.bighead.registry.jobs.MetricRule;
import org.bighead.registry.jobs.Plan;
import org.bighead.registry.store.AliasStore;
import org.bighead.registry.store.ConflictException;
import org.bighead.registry.store.EvaluationStore;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.NotFoundException;
import org.bighead.registry.store.RunRow;
import org.bighead.registry.store.VersionRefs;
import org.bighead.registry.store.VersionRow;

/**
 * Scheduled jobs ({@code bighead jobs …}): create (every field checked before anything is stored), list, show with
 * the next run, run now, history, pause, resume, delete. The scheduler embedded in the registry runs them.
 */
public final class JobRoutes {
    private static final Set<String> FIELDS = Set.of(
            "name",
            "kind",
            "model",
            "schedule",
            "timeZone",
            "input",
            "output",
            "metric",
            "promoteTo",
            "margin",
            "threshold",
            "better",
            "notebook",
            "webhook",
            "instanceType",
            "catchUp",
            "maxRetries",
            "timeoutSeconds");
    private static final int MAX_RUNS = 1000;
    private static final HardwareCatalog HARDWARE = HardwareCatalog.snapshot();

    private final JobStore jobs;
    private final ModelStore models;
    private final AliasStore aliases;
    private final Auth auth;
    private final Clock clock;
    private final EvaluationStore evaluations;
    private final Runnable queued;

    /** Routes over these parts; {@code queued} is told when a run is queued by hand (it wakes the scheduler). */
    public JobRoutes(
            JobStore jobs,
            ModelStore models,
            AliasStore aliases,
            EvaluationStore evaluations,
            Auth auth,
            Clock clock,
            Runnable queued) {
        this.jobs = jobs;
        this.queued = queued;
        this.evaluations = evaluations;
        this.models = models;
        this.aliases = aliases;
        this.auth = auth;
        this.clock = clock;
    }

    /** GET /api/jobs: every job with its next run and its latest run (what a list of jobs shows). */
    public void list(Context ctx) {
        auth.reader(ctx);
        Map<String, RunRow> latest = jobs.latestRuns();
        Http.json(ctx, 200, Http.wrap("jobs", Views.array(jobs.jobs(), j -> {
            ObjectNode out = job(j);
            RunRow last = latest.get(j.name());
            out.set("lastRun", last == null ? null : run(last));
            return out;
        })));
    }

    /** GET /api/jobs/{name}: the job, its next run and its latest run. */
    public void show(Context ctx) {
        auth.reader(ctx);
        String name = Http.model(ctx);
        ObjectNode out = job(jobs.job(name));
        List<RunRow> last = jobs.runs(name, 1);
        out.set("lastRun", last.isEmpty() ? null : run(last.get(0)));
        Http.json(ctx, 200, out);
    }

    /** POST /api/jobs. */
    public void create(Context ctx) {
        String user = auth.writer(ctx).user();
        ObjectNode body = Http.body(ctx);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw HttpError.badRequest("unknown field " + Names.quoted(f) + "; a job takes "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String name = Names.model(Http.text(body, "name", 64));
        JobKind kind = parse(() -> JobKind.parse(Http.text(body, "kind", 32)));
        String model = Http.text(body, "model", 1024);
        String schedule = Http.text(body, "schedule", 256);
        Cron cron = parse(() -> Cron.parse(schedule));
        String zoneText = Http.text(body, "timeZone", 64, "UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw HttpError.badRequest("time zone " + Names.quoted(zoneText)
                    + " is not known: use a region such as Europe/Paris or America/New_York, or UTC");
        }
        Plan.CatchUp catchUp = parse(() -> Plan.CatchUp.parse(Http.text(body, "catchUp", 16, "latest")));
        int maxRetries = whole(body, "maxRetries", 2, 0, 10);
        int timeout = whole(body, "timeoutSeconds", 3600, 1, 7 * 24 * 3600);
        List<String> foreign = JobKind.allSettings().stream()
                .filter(setting -> body.hasNonNull(setting) && !kind.settings().contains(setting))
                .map(Names::quoted)
                .toList();
        if (!foreign.isEmpty()) { // every one named, in a stable order
            throw HttpError.badRequest(String.join(" and ", foreign) + (foreign.size() == 1 ? " does" : " do")
                    + " not apply to a " + kind.text() + " job; it takes "
                    + String.join(", ", kind.settings().stream().sorted().toList()));
        }
        VersionRow version = modelVersion(model);
        ObjectNode spec = Json.MAPPER.createObjectNode();
        String notebook = Http.text(body, "notebook", 1024, null);
        if (notebook != null) {
            spec.put("notebook", notebook);
        }
        String instanceType = Http.text(body, "instanceType", 64, null);
        if (instanceType != null) {
            // the hardware the run's workload gets on the docker or ec2 back end (jobs.compute)
            spec.put("instanceType", parse(() -> HARDWARE.require(instanceType)).name());
        }
        switch (kind) {
            case BATCH_SCORE -> {
                spec.put("input", Http.text(body, "input", 4096));
                String output = Http.text(body, "output", 4096);
                checkWritable(output);
                spec.put("output", output);
            }
            case RETRAIN, EVALUATE -> {
                if (version == null) {
                    throw HttpError.badRequest(kind.text() + " jobs need a registered model (MODEL@ALIAS,"
                            + " MODEL/VERSION or MODEL): they register new versions or record on them, not on a"
                            + " .bighead file");
                }
                // evaluate needs labelled rows; a retrain's notebook may read its own (then `data` is not injected)
                String input = kind == JobKind.EVALUATE
                        ? Http.text(body, "input", 4096)
                        : Http.text(body, "input", 4096, null);
                if (input != null) {
                    spec.put("input", input);
                }
                String metric = Http.text(body, "metric", 256);
                if (version != null && !version.metrics().has(metric)) {
                    throw HttpError.badRequest("model " + model + " never recorded metric " + Names.quoted(metric)
                            + "; it has "
                            + String.join(", ", iterable(version.metrics().fieldNames())));
                }
                spec.put("metric", metric);
                String better = Http.text(body, "better", 16, null);
                if (better != null) {
                    spec.put(
                            "better",
                            parse(() -> MetricRule.Better.parse(better)).word());
                }
                if (kind == JobKind.RETRAIN) {
                    spec.put("promoteTo", Names.alias(Http.text(body, "promoteTo", 32)));
                    spec.put("margin", number(body, "margin", 0));
                    checkRecipe(notebook, version);
                } else {
                    spec.put("threshold", number(body, "threshold", 0));
                    String webhook = Http.text(body, "webhook", 2048, null);
                    if (webhook != null) {
                        spec.put("webhook", checkWebhook(webhook));
                    }
                }
            }
        }
        Instant next = cron.next(clock.instant(), zone);
        JobRow row = new JobRow(
                name,
                kind.text(),
                model,
                cron.text(),
                zone.getId(),
                spec,
                catchUp.text(),
                maxRetries,
                timeout,
                false,
                user,
                Times.format(clock.instant()),
                next == null ? null : Times.format(next));
        Http.json(ctx, 201, job(jobs.create(row)));
    }

    /**
     * POST /api/jobs/{name}/runs: queues a run now and wakes the scheduler. With a body
     * {@code {"logicalTime": "2026-12-07T03:00:00+00:00"}} (how an outside scheduler such as Airflow asks for its run
     * of that time) the run is at that logical time instead: a new one is queued (202); a failed or interrupted one
     * is queued again, its attempt counted up (202); one that is queued, running or succeeded is answered as it is
     * (200), so asking twice never runs a logical time twice.
     */
    public void runNow(Context ctx) {
        String user = auth.writer(ctx).user();
        String name = Http.model(ctx);
        String logical = logicalTime(ctx);
        if (logical == null) {
            String at = Times.format(clock.instant());
            RunRow run = jobs.insertRun(name, at, "queued", "manual", null)
                    .orElseThrow(() -> new ConflictException(
                            "job '" + name + "' already has a run at " + at + " (" + user + "): try again"));
            queued.run(); // the scheduler starts it now, not at its next poll
            Http.json(ctx, 202, run(run));
            return;
        }
        var inserted = jobs.insertRun(name, logical, "queued", "manual", null);
        if (inserted.isPresent()) {
            queued.run();
            Http.json(ctx, 202, run(inserted.get()));
            return;
        }
        var requeued = jobs.requeue(name, logical);
        if (requeued.isPresent()) {
            queued.run();
            Http.json(ctx, 202, run(requeued.get()));
            return;
        }
        Http.json(ctx, 200, run(jobs.run(name, logical)));
    }

    /** The body's logicalTime, formatted; null when there is no body (or no such field). */
    private static String logicalTime(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) {
            return null;
        }
        ObjectNode body = Http.body(ctx);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("logicalTime")) {
                throw HttpError.badRequest("unknown field " + Names.quoted(f) + "; a run takes logicalTime");
            }
        }
        String text = Http.text(body, "logicalTime", 64, null);
        if (text == null) {
            return null;
        }
        if (text.length() < 11 || "Tt ".indexOf(text.charAt(10)) < 0) {
            throw HttpError.badRequest("field 'logicalTime' " + Names.quoted(text)
                    + " is not an ISO-8601 date-time with an offset, such as 2026-12-07T03:00:00+00:00");
        }
        return Times.format(Times.parse(text, "field 'logicalTime'"));
    }

    /** GET /api/jobs/{name}/runs?limit=N: newest first. */
    public void runs(Context ctx) {
        auth.reader(ctx);
        String limitText = ctx.queryParam("limit");
        int limit = 50;
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,4}")
                    || Integer.parseInt(limitText) < 1
                    || Integer.parseInt(limitText) > MAX_RUNS) {
                throw HttpError.badRequest("query parameter 'limit' must be a whole number from 1 to " + MAX_RUNS);
            }
            limit = Integer.parseInt(limitText);
        }
        Http.json(ctx, 200, Http.wrap("runs", Views.array(jobs.runs(Http.model(ctx), limit), JobRoutes::run)));
    }

    /** POST /api/jobs/{name}/pause. */
    public void pause(Context ctx) {
        auth.writer(ctx);
        String name = Http.model(ctx);
        JobRow j = jobs.job(name);
        Http.json(ctx, 200, job(jobs.setPaused(name, true, j.nextTime())));
    }

    /** POST /api/jobs/{name}/resume: the next run is the schedule's next time from now (paused times are skipped). */
    public void resume(Context ctx) {
        auth.writer(ctx);
        String name = Http.model(ctx);
        JobRow j = jobs.job(name);
        Instant next = Cron.parse(j.schedule()).next(clock.instant(), ZoneId.of(j.timeZone()));
        Http.json(ctx, 200, job(jobs.setPaused(name, false, next == null ? null : Times.format(next))));
    }

    /** DELETE /api/jobs/{name}: the job and its runs. */
    public void delete(Context ctx) {
        auth.writer(ctx);
        jobs.delete(Http.model(ctx));
        ctx.status(204);
    }

    /** The version a model reference names (null for a file), or a 400 saying what is unknown. */
    private VersionRow modelVersion(String ref) {
        if (ref.endsWith(".bighead")) {
            try {
                if (!Files.isRegularFile(Path.of(ref))) {
                    throw HttpError.badRequest("model file " + Names.quoted(ref)
                            + " does not exist on the registry's host; give MODEL@ALIAS, MODEL/VERSION, MODEL"
                            + " or a .bighead file there");
                }
            } catch (InvalidPathException e) {
                throw HttpError.badRequest("model file " + Names.quoted(ref) + " is not a valid path");
            }
            return null;
        }
        try {
            return VersionRefs.resolve(models, aliases, ref);
        } catch (NotFoundException e) {
            throw HttpError.badRequest("field 'model': " + e.getMessage()
                    + " (give MODEL@ALIAS, MODEL/VERSION, MODEL or a .bighead file)");
        }
    }

    /** GET /api/models/{name}/versions/{version}/evaluations: what evaluate jobs measured, newest first. */
    public void evaluations(Context ctx) {
        auth.reader(ctx);
        VersionRow v = models.version(Http.model(ctx), Http.version(ctx));
        Http.json(
                ctx,
                200,
                Http.wrap("evaluations", Json.MAPPER.valueToTree(evaluations.evaluations(v.model(), v.version()))));
    }

    /** A retrain needs a recipe: the job's notebook (readable here), or the training cells a version recorded. */
    private static void checkRecipe(String notebook, VersionRow version) {
        if (notebook != null) {
            try {
                Path p = Path.of(notebook);
                if (!notebook.endsWith(".ipynb") || !Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw HttpError.badRequest("notebook " + Names.quoted(notebook)
                            + " is not a readable .ipynb file on the registry's host");
                }
            } catch (InvalidPathException e) {
                throw HttpError.badRequest("notebook " + Names.quoted(notebook) + " is not a valid path");
            }
            return;
        }
        if (version.lineage().path("cells").isEmpty()
                || version.lineage().path("model").asText("").isBlank()) {
            throw HttpError.badRequest(version.model() + " v" + version.version()
                    + " has no recorded training cells (it was not registered with %bighead register): give the"
                    + " job a notebook (--notebook PATH)");
        }
    }

    private static String checkWebhook(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw HttpError.badRequest("webhook " + Names.quoted(url) + " is not an http:// or https:// URL");
    }

    /** A local output path whose nearest existing folder is writable ({date}-style parts may not exist yet). */
    private static void checkWritable(String output) {
        if (output.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return; // s3a://, hdfs://…: the cluster checks
        }
        int brace = output.indexOf('{');
        Path p;
        try {
            p = Path.of(brace >= 0 ? output.substring(0, brace) + "x" : output).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw HttpError.badRequest("output " + Names.quoted(output) + " is not a valid path");
        }
        Path dir = p.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw HttpError.badRequest("output " + Names.quoted(output) + " is not writable by the registry: "
                    + (dir == null ? "no folder of it exists" : dir + " is not a writable folder"));
        }
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static int whole(ObjectNode body, String field, int fallback, int min, int max) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw HttpError.badRequest("field '" + field + "' must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    private static double number(ObjectNode body, String field, double fallback) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            throw HttpError.badRequest("field '" + field + "' must be a number of at least 0");
        }
        return n.doubleValue();
    }

    private static Iterable<String> iterable(Iterator<String> it) {
        return () -> it;
    }

    /** A job as the API shows it: its fields, its kind's settings, and nextRun. */
    static ObjectNode job(JobRow j) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("name", j.name());
        out.put("kind", j.kind());
        out.put("model", j.modelRef());
        out.put("schedule", j.schedule());
        out.put("timeZone", j.timeZone());
        if (j.spec() instanceof ObjectNode spec) {
            out.setAll(spec);
        }
        out.put("catchUp", j.catchUp());
        out.put("maxRetries", j.maxRetries());
        out.put("timeoutSeconds", j.timeoutSeconds());
        out.put("paused", j.paused());
        out.put("nextRun", j.paused() ? null : j.nextTime());
        out.put("createdBy", j.createdBy());
        out.put("createdAt", j.createdAt());
        return out;
    }

    /** A run as the API shows it. */
    static ObjectNode run(RunRow r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("job", r.job());
        out.put("logicalTime", r.logicalTime());
        out.put("status", r.status());
        out.put("attempt", r.attempt());
        out.put("trigger", r.trigger());
        out.put("queuedAt", r.queuedAt());
        out.put("startedAt", r.startedAt());
        out.put("endedAt", r.endedAt());
        out.put("retryAt", r.retryAt());
        out.set("outputs", r.outputs());
        out.put("message", r.message());
        out.put("logTail", r.logTail());
        return out;
    }
}
