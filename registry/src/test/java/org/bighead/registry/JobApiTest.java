package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.bighead.registry.client.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/jobs over HTTP, with a stand-in for {@code bighead} so that a batch-score run really runs a process. */
class JobApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(TestRegistry r, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.url() + path))
                .header("Authorization", "Bearer " + r.adminToken)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    /** A launcher that answers like {@code bighead batch-score}: writes the output file and prints the row count. */
    private static Path fakeBighead(Path dir) throws Exception {
        Path script = dir.resolve("bighead");
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "# batch-score REF --input IN --output OUT\n"
                        + "[ \"$1\" = batch-score ] || exit 3\n"
                        + "[ \"$4\" = fail.csv ] && exit 5 # a run that fails\n"
                        + "echo \"registry $BIGHEAD_REGISTRY_URL\"\n"
                        + "echo \"run token: ${BIGHEAD_REGISTRY_TOKEN:+given}\"\n"
                        + "[ -d \"$(dirname \"$6\")\" ] || exit 4 # the registry makes the output's folder\n"
                        + "echo parquet > \"$6\"\n"
                        + "echo \"scored 1,234 rows with m 1 in 0.1 s: 0 bad rows; wrote $6\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static TestRegistry start(Path dir) throws Exception {
        Path bighead = fakeBighead(Files.createDirectories(dir.resolve("bin")));
        return TestRegistry.start(RegistryConfig.local(dir.resolve("data")).launcher(List.of(bighead.toString())));
    }

    private static String job(Path dir, String name, String extra) throws Exception {
        Path model = dir.resolve("m.bighead");
        if (!Files.exists(model)) {
            Files.writeString(model, "not read by the stand-in");
        }
        return "{\"name\": \"" + name + "\", \"kind\": \"batch-score\", \"model\": \"" + model
                + "\", \"schedule\": \"@daily\", \"timeZone\": \"Europe/Paris\", \"input\": \"in.csv\","
                + " \"output\": \"" + dir.resolve("out/{date}/scored.parquet") + "\"" + extra + "}";
    }

    @Test
    void aBatchScoreJobIsCreatedRunNowAndItsRunRecordsRowsAndFiles(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            HttpResponse<String> created = send(r, "POST", "/api/jobs", job(dir, "nightly", ""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode j = json(created);
            assertThat(j.path("kind").asText()).isEqualTo("batch-score");
            assertThat(j.path("catchUp").asText()).isEqualTo("latest");
            assertThat(j.path("nextRun").asText()).endsWith("T23:00:00.000Z"); // midnight in Paris

            HttpResponse<String> queued = send(r, "POST", "/api/jobs/nightly/runs", null);
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(json(queued).path("status").asText()).isEqualTo("queued");

            JsonNode run = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                run = json(send(r, "GET", "/api/jobs/nightly/runs", null))
                        .path("runs")
                        .path(0);
                if (run.path("status").asText().equals("succeeded")
                        || run.path("status").asText().equals("failed")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
            assertThat(run.path("trigger").asText()).isEqualTo("manual");
            assertThat(run.path("outputs").path("rows").asLong()).isEqualTo(1234);
            String file = run.path("outputs").path("files").path(0).asText();
            assertThat(file).doesNotContain("{date}");
            assertThat(Path.of(file)).exists();
            assertThat(run.path("logTail").asText()).contains("registry " + r.url());
            assertThat(run.path("logTail").asText()).contains("run token: given");

            JsonNode shown = json(send(r, "GET", "/api/jobs/nightly", null));
            assertThat(shown.path("lastRun").path("status").asText()).isEqualTo("succeeded");
            JsonNode listed = json(send(r, "GET", "/api/jobs", null)).path("jobs");
            assertThat(listed).hasSize(1);
            assertThat(listed.path(0).path("lastRun").path("status").asText()).isEqualTo("succeeded");
            assertThat(listed.path(0).path("lastRun").path("logicalTime")).isEqualTo(run.path("logicalTime"));
        }
    }

    @Test
    void badJobsAreRefusedWithWhatIsWrongAndNothingIsCreated(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            String good = job(dir, "j", "");
            assertRefused(r, good.replace("@daily", "0 3 * *"), "has 4 field(s)");
            assertRefused(r, good.replace("batch-score", "score"), "not one of batch-score, retrain, evaluate");
            assertRefused(r, good.replace(dir.resolve("m.bighead").toString(), "nope@champion"), "no model");
            assertRefused(r, good.replace("Europe/Paris", "Mars/Olympus"), "time zone 'Mars/Olympus' is not known");
            assertRefused(
                    r,
                    good.replace(
                            dir.resolve("out/{date}/scored.parquet").toString(),
                            dir.resolve("m.bighead/{date}.parquet").toString()), // under a file
                    "is not writable by the registry");
            assertRefused(r, with(good, ", \"colour\": 1"), "unknown field 'colour'");
            assertRefused(r, with(good, ", \"maxRetries\": 99"), "from 0 to 10");
            assertRefused(r, with(good, ", \"instanceType\": \"m5.huge\""), "unknown instance type 'm5.huge'");
            assertThat(json(send(r, "GET", "/api/jobs", null)).path("jobs")).isEmpty();
        }
    }

    @Test
    void aJobNamesTheInstanceTypeItsWorkloadGets(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            HttpResponse<String> created =
                    send(r, "POST", "/api/jobs", with(job(dir, "sized", ""), ", \"instanceType\": \"m5.xlarge\""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(send(r, "GET", "/api/jobs/sized", null))
                            .path("instanceType")
                            .asText())
                    .isEqualTo("m5.xlarge");
        }
    }

    private static String with(String body, String fields) {
        return body.substring(0, body.length() - 1) + fields + "}";
    }

    private static void assertRefused(TestRegistry r, String body, String message) throws Exception {
        HttpResponse<String> response = send(r, "POST", "/api/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(message);
    }

    @Test
    void jobsArePausedResumedAndDeletedAndUnknownOnesAre404AndTakenNames409(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            assertThat(send(r, "POST", "/api/jobs", job(dir, "j", "")).statusCode())
                    .isEqualTo(201);
            assertThat(send(r, "POST", "/api/jobs", job(dir, "j", "")).statusCode())
                    .isEqualTo(409);
            JsonNode listed =
                    json(send(r, "GET", "/api/jobs", null)).path("jobs").path(0);
            assertThat(listed.has("lastRun") && listed.path("lastRun").isNull())
                    .as("a job that never ran lists lastRun null: %s", listed)
                    .isTrue();
            JsonNode paused = json(send(r, "POST", "/api/jobs/j/pause", null));
            assertThat(paused.path("paused").asBoolean()).isTrue();
            assertThat(paused.path("nextRun").isNull()).isTrue();
            JsonNode resumed = json(send(r, "POST", "/api/jobs/j/resume", null));
            assertThat(resumed.path("paused").asBoolean()).isFalse();
            assertThat(resumed.path("nextRun").asText()).isNotEmpty();
            assertThat(send(r, "DELETE", "/api/jobs/j", null).statusCode()).isEqualTo(204);
            assertThat(send(r, "GET", "/api/jobs/j", null).statusCode()).isEqualTo(404);
            assertThat(send(r, "POST", "/api/jobs/j/runs", null).statusCode()).isEqualTo(404);
            assertThat(send(r, "GET", "/api/jobs/j/runs", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void retrainAndEvaluateJobsNeedARegisteredModelARecipeAndLabelledData(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            String batch = job(dir, "retrain", ", \"metric\": \"test.rmse\", \"promoteTo\": \"champion\"");
            // a setting of another kind is refused, never silently ignored
            assertRefused(
                    r, batch, "'metric' and 'promoteTo' do not apply to a batch-score job; it takes input, output");
            String retrain = batch.replace("batch-score", "retrain").replaceAll(", \"output\": \"[^\"]*\"", "");
            assertRefused(r, with(retrain, ", \"output\": \"x.parquet\""), "'output' does not apply to a retrain job");
            assertRefused(r, retrain, "need a registered model");
            r.admin().register("m", TestBundles.first(), VersionInfo.empty());
            Path recipe = Files.writeString(dir.resolve("train.ipynb"), "{\"cells\": []}");
            String registered = retrain.replace(dir.resolve("m.bighead").toString(), "m/1");
            // registered by the CLI, with no cells kept: the job must name its notebook
            assertRefused(r, registered, "has no recorded training cells");
            assertRefused(r, registered.replace("test.rmse", "test.nope"), "never recorded metric 'test.nope'");
            assertRefused(r, registered.replace(", \"promoteTo\": \"champion\"", ""), "field 'promoteTo' is required");
            String withNotebook = with(registered, ", \"notebook\": \"" + recipe + "\"");
            assertRefused(r, with(withNotebook, ", \"better\": \"smaller\""), "better must be lower or higher");
            HttpResponse<String> created = send(r, "POST", "/api/jobs", with(withNotebook, ", \"better\": \"lower\""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(json(created).path("promoteTo").asText()).isEqualTo("champion");
            assertThat(json(created).path("better").asText()).isEqualTo("lower");

            String evaluate = registered
                    .replace("\"retrain\"", "\"evaluate\"")
                    .replace("\"kind\": \"retrain\"", "\"kind\": \"evaluate\"")
                    .replace(", \"promoteTo\": \"champion\"", "");
            assertRefused(r, evaluate.replace(", \"input\": \"in.csv\"", ""), "field 'input' is required");
            assertRefused(r, with(evaluate, ", \"webhook\": \"ftp://x\""), "is not an http:// or https:// URL");
            assertThat(send(r, "GET", "/api/jobs", null).body()).doesNotContain("\"evaluate\"");
        }
    }

    @Test
    void aVersionsEvaluationsStartEmpty(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            r.admin().register("m", TestBundles.first(), VersionInfo.empty());
            HttpResponse<String> none = send(r, "GET", "/api/models/m/versions/1/evaluations", null);
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(json(none).path("evaluations").size()).isZero();
            assertThat(send(r, "GET", "/api/models/m/versions/9/evaluations", null)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    /** Polls a job's run at a logical time until it is neither queued nor running. */
    private static JsonNode ended(TestRegistry r, String job, String logicalTime) throws Exception {
        JsonNode found = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode run :
                    json(send(r, "GET", "/api/jobs/" + job + "/runs", null)).path("runs")) {
                if (run.path("logicalTime").asText().equals(logicalTime)) {
                    found = run;
                }
            }
            String status = found == null ? "" : found.path("status").asText();
            if (!status.isEmpty() && !status.equals("queued") && !status.equals("running")) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run of " + job + " at " + logicalTime + " did not end: " + found);
    }

    @Test
    void aRunAskedForAtALogicalTimeRunsOnceAndAFailedOneIsQueuedAgain(@TempDir Path dir) throws Exception {
        try (TestRegistry r = start(dir)) {
            assertThat(send(r, "POST", "/api/jobs", job(dir, "nightly", "")).statusCode())
                    .isEqualTo(201);
            String at = "{\"logicalTime\": \"2026-12-07T03:00:00+01:00\"}";

            HttpResponse<String> queued = send(r, "POST", "/api/jobs/nightly/runs", at);
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(json(queued).path("logicalTime").asText()).isEqualTo("2026-12-07T02:00:00.000Z");
            JsonNode run = ended(r, "nightly", "2026-12-07T02:00:00.000Z");
            assertThat(run.path("status").asText()).isEqualTo("succeeded");
            assertThat(run.path("outputs").path("files").path(0).asText()).contains("/2026-12-07/");

            HttpResponse<String> again = send(r, "POST", "/api/jobs/nightly/runs", at);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json(again).path("status").asText()).isEqualTo("succeeded");
            assertThat(json(again).path("attempt").asInt()).isEqualTo(1);
            assertThat(json(send(r, "GET", "/api/jobs/nightly/runs", null)).path("runs"))
                    .hasSize(1);

            String failing = job(dir, "failing", ", \"maxRetries\": 0")
                    .replace("in.csv", "fail.csv")
                    .replace("scored.parquet", "failing.parquet");
            assertThat(send(r, "POST", "/api/jobs", failing).statusCode()).isEqualTo(201);
            send(r, "POST", "/api/jobs/failing/runs", at);
            assertThat(ended(r, "failing", "2026-12-07T02:00:00.000Z")
                            .path("status")
                            .asText())
                    .isEqualTo("failed");
            HttpResponse<String> retried = send(r, "POST", "/api/jobs/failing/runs", at);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            assertThat(json(retried).path("attempt").asInt()).isEqualTo(2);
            JsonNode second = ended(r, "failing", "2026-12-07T02:00:00.000Z");
            assertThat(second.path("status").asText()).isEqualTo("failed");
            assertThat(second.path("attempt").asInt()).isEqualTo(2);

            assertThat(send(r, "POST", "/api/jobs/nightly/runs", "{\"logicalTime\": \"2026-12-07\"}")
                            .body())
                    .contains("is not an ISO-8601 date-time with an offset");
            assertThat(send(r, "POST", "/api/jobs/nightly/runs", "{\"when\": \"now\"}")
                            .body())
                    .contains("unknown field 'when'");
            assertThat(send(r, "POST", "/api/jobs/nobody/runs", at).statusCode())
                    .isEqualTo(404);
        }
    }
}
