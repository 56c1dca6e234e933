package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bighead.registry.Json;
import org.bighead.registry.Times;
import org.bighead.registry.store.AliasStore;
import org.bighead.registry.store.EvaluationStore;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.ModelStore;
import org.bighead.registry.store.NotFoundException;
import org.bighead.registry.store.VersionRefs;
import org.bighead.registry.store.VersionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an evaluate job: {@code bighead evaluate MODEL/V --input DATA --json} (the version the job's reference names
 * at run time), records the metrics on the version, and raises an alert — a log line, the run's {@code alert}
 * output and, when the job has one, a POST to its webhook — when the job's metric is worse than the version's own
 * recorded value by more than the job's threshold.
 */
public final class EvaluateExecutor implements JobExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateExecutor.class);

    private final List<String> bighead;
    private final Map<String, String> environment;
    private final ModelStore models;
    private final AliasStore aliases;
    private final EvaluationStore evaluations;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Runs {@code bighead evaluate} with these extra environment variables; records into {@code evaluations}. */
    public EvaluateExecutor(
            List<String> bighead,
            Map<String, String> environment,
            ModelStore models,
            AliasStore aliases,
            EvaluationStore evaluations) {
        this.bighead = List.copyOf(bighead);
        this.environment = Map.copyOf(environment);
        this.models = models;
        this.aliases = aliases;
        this.evaluations = evaluations;
    }

    @Override
    public RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout, String token)
            throws InterruptedException {
        ObjectNode outputs = Json.MAPPER.createObjectNode();
        JsonNode spec = job.spec();
        String metric = spec.path("metric").asText();
        VersionRow version;
        try {
            version = VersionRefs.resolve(models, aliases, job.modelRef());
        } catch (NotFoundException | IllegalArgumentException e) {
            return new RunResult(false, outputs, "model " + job.modelRef() + ": " + e.getMessage(), "");
        }
        String input = BatchScoreExecutor.expand(
                spec.path("input").asText(), job.name(), logicalTime, ZoneId.of(job.timeZone()));
        outputs.put("input", input);
        outputs.put("version", version.version());
        List<String> command = new ArrayList<>(bighead);
        command.addAll(List.of("evaluate", version.model() + "/" + version.version(), "--input", input, "--json"));
        ChildProcess.Outcome ended = ChildProcess.launch(
                command, ChildProcess.withToken(environment, token), timeout, job.name(), "evaluate");
        if (!ended.succeeded()) {
            return new RunResult(false, outputs, ended.failure(), ended.log());
        }
        JsonNode result;
        try {
            // the JSON document is the last thing printed; anything before it (JVM notes) is not
            String log = ended.log();
            int start = log.startsWith("{\n") ? 0 : log.lastIndexOf("\n{\n") + 1;
            result = Json.parse(log.substring(start));
        } catch (RuntimeException e) {
            return new RunResult(false, outputs, "evaluate printed no JSON result", ended.log());
        }
        ObjectNode metrics = (ObjectNode) result.path("metrics");
        long rows = result.path("rows").asLong();
        outputs.put("rows", rows);
        outputs.set("metrics", metrics);
        JsonNode measured = metrics.path(MetricRule.baseName(metric));
        if (!measured.isNumber()) {
            return new RunResult(
                    false,
                    outputs,
                    "evaluate measured no " + MetricRule.baseName(metric) + " (it measured "
                            + String.join(", ", iterable(metrics)) + ")",
                    ended.log());
        }
        MetricRule.Check check = MetricRule.of(metric, spec.path("better").textValue())
                .degradation(
                        version.model(),
                        version.version(),
                        measured.doubleValue(),
                        RetrainExecutor.value(version, metric),
                        spec.path("threshold").asDouble(0));
        evaluations.record(
                version.model(),
                version.version(),
                job.name(),
                Times.format(logicalTime),
                input,
                rows,
                metrics,
                check.alert() ? check.line() : null);
        if (check.alert()) {
            outputs.put("alert", check.line());
            LOG.warn("job {}: {}", job.name(), check.line());
            if (spec.hasNonNull("webhook")) {
                outputs.put(
                        "webhook", notify(spec.path("webhook").asText(), job, logicalTime, version, check, metrics));
            }
        }
        return new RunResult(true, outputs, check.line(), ended.log());
    }

    /** POSTs the alert as JSON; says how it went (a webhook that fails does not fail the run: the alert is recorded). */
    private String notify(
            String url, JobRow job, Instant logicalTime, VersionRow version, MetricRule.Check check, ObjectNode metrics)
            throws InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("text", check.line()); // what Slack-style webhooks show
        body.put("job", job.name());
        body.put("logicalTime", Times.format(logicalTime));
        body.put("model", version.model());
        body.put("version", version.version());
        body.set("metrics", metrics);
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.text(body)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 300 ? "sent (" + r.statusCode() + ")" : "refused (" + r.statusCode() + ")";
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("job {}: webhook {} failed: {}", job.name(), url, e.toString());
            return "failed: " + e.getMessage();
        }
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
