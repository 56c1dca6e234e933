package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bighead.registry.RegistryApp;
import org.bighead.registry.RegistryConfig;
import org.bighead.registry.client.Job;
import org.bighead.registry.client.JobRun;
import org.bighead.registry.client.RegistryClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * %bighead jobs against a real registry in this JVM, whose scheduler really runs a batch-score job (through a
 * stand-in for {@code bighead} that writes the output and prints the row count, as batch-score does).
 */
class JobsSubcommandTest {
    @TempDir
    static Path dir;

    private static RegistryApp registry;
    private static RegistryClient admin;
    private static JobRun finished;

    @BeforeAll
    static void aRegistryWithOneJobThatRanOnceAndOneThatNeverRan() throws Exception {
        Path bighead = dir.resolve("bighead");
        Files.writeString(
                bighead,
                "#!/bin/sh\n"
                        + "[ \"$1\" = batch-score ] || exit 3\n"
                        + "[ \"$4\" = fail.csv ] && { echo 'bighead batch-score: no input at fail.csv' >&2; exit 1; }\n"
                        + "echo parquet > \"$6\"\n"
                        + "echo 'scored 1,234 rows with m 1 in 0.1 s: 0 bad rows; <wrote> it'\n");
        Files.setPosixFilePermissions(bighead, PosixFilePermissions.fromString("rwxr-xr-x"));
        registry = RegistryApp.start(
                RegistryConfig.local(dir.resolve("data")).port(0).launcher(List.of(bighead.toString())));
        admin = new RegistryClient(
                registry.url(),
                Files.readString(dir.resolve("data").resolve("admin.token")).strip());
        Path model = Files.writeString(dir.resolve("m.bighead"), "not read by the stand-in");
        admin.createJob(job("nightly-scores", model, "@daily", "Europe/Paris"));
        admin.createJob(job("weekly", model, "0 3 * * 1", "UTC"));
        String at = admin.runJob("nightly-scores").path("logicalTime").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (finished == null || finished.active()) {
            assertThat(Instant.now())
                    .as("the run did not end within 60 s: %s", finished)
                    .isBefore(deadline);
            Thread.sleep(100);
            finished = admin.listJobRuns("nightly-scores", 5).stream()
                    .filter(r -> r.logicalTime().equals(at))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static ObjectNode job(String name, Path model, String schedule, String zone) {
        return new ObjectMapper()
                .createObjectNode()
                .put("name", name)
                .put("kind", "batch-score")
                .put("model", model.toString())
                .put("schedule", schedule)
                .put("timeZone", zone)
                .put("input", "in.csv")
                .put("output", dir.resolve("out/{date}.parquet").toString());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static FakeContext context() {
        return context(Map.of("BIGHEAD_REGISTRY_URL", registry.url()));
    }

    // a notebook whose registry token may run jobs
    private static FakeContext adminContext() throws IOException {
        return context(Map.of(
                "BIGHEAD_REGISTRY_URL",
                registry.url(),
                "BIGHEAD_REGISTRY_TOKEN",
                Files.readString(dir.resolve("data").resolve("admin.token")).strip()));
    }

    private static FakeContext context(Map<String, String> env) {
        MagicRegistry magics = new MagicRegistry();
        magics.line("bighead", "Bighead platform commands.", magics.bighead());
        magics.bighead().add(PicocliSubcommand.of(() -> new JobsSubcommand(env)));
        return new FakeContext(dir.resolve("config.json"), magics);
    }

    @Test
    void theClientReadsJobsAndRunsTyped() {
        assertThat(finished.status()).as("%s", finished).isEqualTo("succeeded");
        assertThat(finished.rows()).contains(1234L);
        assertThat(finished.files()).hasSize(1);
        assertThat(finished.duration()).isPresent();
        List<Job> jobs = admin.listJobs();
        assertThat(jobs).extracting(Job::name).containsExactly("nightly-scores", "weekly");
        assertThat(jobs.get(0).lastRun().status()).isEqualTo("succeeded");
        assertThat(jobs.get(1).lastRun()).isNull();
        Job one = admin.getJob("nightly-scores");
        assertThat(one.timeZone()).isEqualTo("Europe/Paris");
        assertThat(one.output()).endsWith("out/{date}.parquet");
        assertThat(one.lastRun().logicalTime()).isEqualTo(finished.logicalTime());
    }

    @Test
    void aloneItListsEveryJobWithItsScheduleNextRunAndLastRunStatus() {
        Shown shown = (Shown) context().run("%bighead jobs");
        String[] lines = shown.text().split("\n");
        assertThat(lines[0]).startsWith("JOB").contains("KIND", "MODEL", "SCHEDULE", "NEXT RUN", "LAST RUN");
        assertThat(lines[1])
                .startsWith("nightly-scores  batch-score")
                .contains("@daily (Europe/Paris)", " 00:00 (in ", "succeeded moments ago");
        assertThat(lines[2]).startsWith("weekly").contains("0 3 * * 1 (UTC)", " 03:00 (in ", "never ran");
        assertThat(shown.html())
                .contains(
                        "<a href=\"" + registry.url() + "/#/jobs/nightly-scores\" target=\"_blank\">nightly-scores</a>")
                .contains(">succeeded</span>")
                .contains("never ran");
    }

    @Test
    void withANameItShowsThatJobsRunsWithDurationRowsAndTheEscapedLogTail() {
        Shown shown = (Shown) context().run("%bighead jobs nightly-scores");
        String[] lines = shown.text().split("\n");
        assertThat(lines[0])
                .startsWith("nightly-scores: batch-score of " + dir.resolve("m.bighead") + ", @daily in Europe/Paris;"
                        + " next run ");
        assertThat(lines[1]).startsWith("LOGICAL TIME").contains("TRIGGER", "STATUS", "DURATION", "OUTPUT");
        assertThat(lines[2])
                .contains("manual", "succeeded", "1,234 rows, 1 file")
                .containsPattern(" [0-9.]+ s ");
        assertThat(lines).hasSize(3);
        assertThat(shown.html())
                .contains(">succeeded</span>")
                .contains("<details><summary")
                .contains("&lt;wrote&gt; it")
                .doesNotContain("<wrote>");
    }

    @Test
    void runRunsTheJobNowFollowsItToItsEndThenShowsItsRuns() throws Exception {
        admin.createJob(job("on-demand", dir.resolve("m.bighead"), "@monthly", "UTC"));
        try {
            FakeContext context = adminContext();

            Shown shown = (Shown) context.run("%bighead jobs on-demand --run");

            String[] printed = context.printed().split("\n");
            assertThat(printed[0]).matches("on-demand: run at \\S+ queued");
            assertThat(printed[printed.length - 1])
                    .matches("on-demand: succeeded in [0-9.]+ s: scored into .*\\.parquet");
            String[] lines = shown.text().split("\n");
            assertThat(lines[2]).contains("manual", "succeeded", "1,234 rows");
            assertThat(lines).hasSize(3);
        } finally {
            admin.deleteJob("on-demand");
        }
    }

    @Test
    void aRunThatFailedShowsTheRunsThenFailsTheCellWithTheRunsMessage() throws Exception {
        admin.createJob(job("failing", dir.resolve("m.bighead"), "@monthly", "UTC")
                .put("input", "fail.csv")
                .put("maxRetries", 0));
        try {
            FakeContext context = adminContext();

            // as ./bighead jobs run --wait exits 1: Run All must not go on past a failed retrain
            assertThatThrownBy(() -> context.run("%bighead jobs failing --run"))
                    .isInstanceOf(MagicException.class)
                    .hasMessageMatching(
                            "%bighead jobs: the run of failing at \\S+ failed: batch-score exited with status 1:"
                                    + " bighead batch-score: no input at fail\\.csv");
            assertThat(context.printed()).containsPattern("failing: failed in [0-9.]+ s: ");
            assertThat(context.displayed).hasSize(1);
            assertThat(((Shown) context.displayed.get(0)).text()).contains("manual", "failed");
        } finally {
            admin.deleteJob("failing");
        }
    }

    @Test
    void runNeedsAJobName() {
        assertThatThrownBy(() -> context().run("%bighead jobs --run"))
                .hasMessage("%bighead jobs: --run runs one job; name it: %bighead jobs NAME --run");
    }

    @Test
    void anUnknownJobIsOneLineThatSaysHowToListThem() {
        assertThatThrownBy(() -> context().run("%bighead jobs nope"))
                .isInstanceOf(MagicException.class)
                .hasMessage("%bighead jobs: the registry at " + registry.url()
                        + " has no job named 'nope' (%bighead jobs lists them)");
    }

    @Test
    void aLimitOutOfRangeOrWithoutANameIsRefused() {
        assertThatThrownBy(() -> context().run("%bighead jobs nightly-scores --limit 0"))
                .hasMessage("%bighead jobs: --limit must be from 1 to 1000, not 0");
        assertThatThrownBy(() -> context().run("%bighead jobs --limit 5"))
                .hasMessage("%bighead jobs: --limit counts one job's runs; name the job: %bighead jobs NAME --limit 5");
    }

    @Test
    void theHelpShowsExamples() {
        FakeContext context = context();
        context.run("%bighead jobs --help");
        assertThat(context.printed())
                .startsWith("Usage: %bighead jobs")
                .contains("%bighead jobs nightly-scores --limit 50")
                .doesNotContain("%%");
    }
}
