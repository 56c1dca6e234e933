package org.bighead.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bighead.registry.client.Job;
import org.bighead.registry.client.JobRun;
import org.junit.jupiter.api.Test;

/** How %bighead jobs writes jobs and runs, for fixed input and a fixed now. */
class JobTablesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final JobTables TABLES = new JobTables("http://reg:8470", NOW);

    private static JobRun run(String status, String started, String ended, Map<String, Object> outputs, String msg) {
        return new JobRun(
                "retrain",
                "2026-12-07T03:00:00Z",
                status,
                1,
                "schedule",
                started,
                started,
                ended,
                null,
                outputs,
                msg,
                "line 1\n<script>alert(1)</script>");
    }

    private static Job job(String name, String model, boolean paused, JobRun last) {
        return new Job(
                name,
                "retrain",
                model,
                "0 3 * * 1",
                "Europe/Paris",
                null,
                null,
                "test.rmse",
                "champion",
                0.0,
                null,
                null,
                "latest",
                2,
                3600,
                paused,
                paused ? null : "2026-12-14T02:00:00Z",
                "ada",
                "2026-12-01T00:00:00Z",
                last);
    }

    @Test
    void jobsReadAsAnAlignedTableInTheirZoneAndLinkToTheUi() {
        JobRun failed = run("failed", "2026-12-07T09:00:00Z", "2026-12-07T09:30:00Z", Map.of(), "boom");
        Shown shown = TABLES.jobs(List.of(
                job("weekly-retrain", "listing-price@champion", false, failed), job("<b>x", "m/3", true, null)));
        assertThat(shown.text())
                .isEqualTo(String.join(
                        "\n",
                        "JOB             KIND     MODEL                   SCHEDULE                  NEXT RUN"
                                + "                      LAST RUN",
                        "weekly-retrain  retrain  listing-price@champion  0 3 * * 1 (Europe/Paris)  2026-12-14 03:00"
                                + " (in 6 days)  failed 30 min ago",
                        "<b>x            retrain  m/3                     0 3 * * 1 (Europe/Paris)  paused"
                                + "                        never ran"));
        assertThat(shown.html())
                .contains("href=\"http://reg:8470/#/models/listing-price\"")
                .contains("href=\"http://reg:8470/#/models/m/versions/3\"")
                .contains(">&lt;b&gt;x</a>")
                .doesNotContain("<b>x")
                .contains("background:#fde8e8;color:#b42318");
    }

    @Test
    void runsShowDurationOutputsTheNewVersionLinkAndTheLogTailEscaped() {
        JobRun ok = run(
                "succeeded",
                "2026-12-07T03:00:01Z",
                "2026-12-07T03:04:06Z",
                Map.of("rows", 5000, "files", List.of("a", "b"), "newVersion", 4),
                "promoted v4 to champion");
        JobRun running = run("running", "2026-12-07T09:59:00Z", null, Map.of(), "");
        Shown shown = TABLES.runs(job("weekly-retrain", "listing-price@champion", false, ok), List.of(running, ok));
        String[] lines = shown.text().split("\n");
        assertThat(lines[0])
                .isEqualTo("weekly-retrain: retrain of listing-price@champion, 0 3 * * 1 in Europe/Paris; next run"
                        + " 2026-12-14 03:00 (in 6 days)");
        assertThat(lines[2]).contains("running", "2026-12-07 10:59 (1 min ago)  …");
        assertThat(lines[3])
                .contains(
                        "2026-12-07 04:00 (7 h ago)  schedule  1",
                        "succeeded",
                        "4 min 05 s",
                        "5,000 rows, 2 files, new version v4  promoted v4 to champion");
        assertThat(shown.html())
                .contains("href=\"http://reg:8470/#/models/listing-price/versions/4\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(JobTables.duration(Duration.ofMillis(12_340))).isEqualTo("12.3 s");
        assertThat(JobTables.duration(Duration.ofSeconds(245))).isEqualTo("4 min 05 s");
        assertThat(JobTables.duration(Duration.ofMinutes(123))).isEqualTo("2 h 03 min");
    }
}
