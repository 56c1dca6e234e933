package org.bighead.registry.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.bighead.registry.store.JobRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant T = Instant.parse("2026-12-06T22:17:30Z"); // a Sunday

    private static Instant next(String cron, Instant after, ZoneId zone) {
        return Cron.parse(cron).next(after, zone);
    }

    @Test
    void presetsGiveTheNextHourDayWeekAndMonth() {
        assertThat(next("@hourly", T, UTC)).isEqualTo("2026-12-06T23:00:00Z");
        assertThat(next("@daily", T, UTC)).isEqualTo("2026-12-07T00:00:00Z");
        assertThat(next("@weekly", T, UTC)).isEqualTo("2026-12-13T00:00:00Z");
        assertThat(next("@monthly", T, UTC)).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void fieldsTakeNumbersRangesStepsAndLists() {
        assertThat(next("*/15 * * * *", T, UTC)).isEqualTo("2026-12-06T22:30:00Z");
        assertThat(next("0 3 * * 1-5", T, UTC)).isEqualTo("2026-12-07T03:00:00Z");
        assertThat(next("5,10 9 * * *", T, UTC)).isEqualTo("2026-12-07T09:05:00Z");
        assertThat(next("0 0 29 2 *", T, UTC)).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(next("0 12 * * 7", T, UTC)).isEqualTo("2026-12-13T12:00:00Z"); // 7 is Sunday too
    }

    @Test
    void theNextTimeIsStrictlyAfterTheGivenOne() {
        Instant onTheHour = Instant.parse("2026-12-06T23:00:00Z");
        assertThat(next("@hourly", onTheHour, UTC)).isEqualTo("2026-12-07T00:00:00Z");
    }

    @Test
    void bothDayFieldsRestrictedMeansEitherDay() {
        // the 1st of the month or a Monday, whichever comes first
        assertThat(next("0 0 1 * 1", T, UTC)).isEqualTo("2026-12-07T00:00:00Z");
    }

    @Test
    void aTimeZoneIsHonouredAcrossDaylightSavingChanges() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(next("@daily", T, paris)).isEqualTo("2026-12-06T23:00:00Z"); // midnight in Paris (UTC+1)
        // 2027-03-28 02:30 does not exist in Paris: the run happens at 03:30 local (01:30 UTC)
        assertThat(next("30 2 * * *", Instant.parse("2027-03-27T12:00:00Z"), paris))
                .isEqualTo("2027-03-28T01:30:00Z");
        // 2027-10-31 02:30 happens twice in Paris: it runs once, at the first one
        Instant first = next("30 2 * * *", Instant.parse("2027-10-30T12:00:00Z"), paris);
        assertThat(first).isEqualTo("2027-10-31T00:30:00Z");
        assertThat(next("30 2 * * *", first, paris)).isEqualTo("2027-11-01T01:30:00Z");
    }

    @Test
    void anImpossibleDateHasNoNextTime() {
        assertThat(next("0 0 31 2 *", T, UTC)).isNull();
    }

    @Test
    void badExpressionsAreRefusedNamingTheFieldAndTheRule() {
        assertThatThrownBy(() -> Cron.parse("0 3 * *"))
                .hasMessageContaining("has 4 field(s)")
                .hasMessageContaining("@daily");
        assertThatThrownBy(() -> Cron.parse("61 * * * *")).hasMessageContaining("minute field: 61 is outside 0-59");
        assertThatThrownBy(() -> Cron.parse("* 5-2 * * *")).hasMessageContaining("hour field");
        assertThatThrownBy(() -> Cron.parse("* * * jan *")).hasMessageContaining("month field: 'jan'");
        assertThatThrownBy(() -> Cron.parse("@yearlyish")).hasMessageContaining("unknown preset");
        assertThatThrownBy(() -> Cron.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cron.parse("*/0 * * * *")).hasMessageContaining("0 is outside 1-59");
    }

    @Test
    void catchUpLatestRunsOnlyTheLastMissedTime() {
        Cron hourly = Cron.parse("@hourly");
        Instant next = Instant.parse("2026-12-06T10:00:00Z");
        Plan.Due due = Plan.due(hourly, UTC, next, T, Plan.CatchUp.LATEST);
        assertThat(due.times()).containsExactly(Instant.parse("2026-12-06T22:00:00Z"));
        assertThat(due.next()).isEqualTo("2026-12-06T23:00:00Z");
    }

    @Test
    void catchUpAllRunsEveryMissedTimeOldestFirst() {
        Plan.Due due = Plan.due(Cron.parse("@hourly"), UTC, Instant.parse("2026-12-06T20:00:00Z"), T, Plan.CatchUp.ALL);
        assertThat(due.times())
                .containsExactly(
                        Instant.parse("2026-12-06T20:00:00Z"),
                        Instant.parse("2026-12-06T21:00:00Z"),
                        Instant.parse("2026-12-06T22:00:00Z"));
    }

    @Test
    void catchUpNoneSkipsMissedTimesButRunsOneThatIsOnTime() {
        Cron hourly = Cron.parse("@hourly");
        Plan.Due missed = Plan.due(hourly, UTC, Instant.parse("2026-12-06T20:00:00Z"), T, Plan.CatchUp.NONE);
        assertThat(missed.times()).isEmpty();
        assertThat(missed.next()).isEqualTo("2026-12-06T23:00:00Z");
        Instant onTime = Instant.parse("2026-12-06T22:17:00Z");
        Plan.Due due = Plan.due(Cron.parse("17 * * * *"), UTC, onTime, T, Plan.CatchUp.NONE);
        assertThat(due.times()).containsExactly(onTime);
    }

    @Test
    void nothingIsDueBeforeTheNextTime() {
        Instant next = Instant.parse("2026-12-06T23:00:00Z");
        Plan.Due due = Plan.due(Cron.parse("@hourly"), UTC, next, T, Plan.CatchUp.ALL);
        assertThat(due.times()).isEmpty();
        assertThat(due.next()).isEqualTo(next);
    }

    @Test
    void catchUpAllIsBoundedToTheNewestHundred() {
        Plan.Due due = Plan.due(Cron.parse("* * * * *"), UTC, T.minus(Duration.ofDays(2)), T, Plan.CatchUp.ALL);
        assertThat(due.times()).hasSize(Plan.MAX_CATCH_UP);
        assertThat(due.times().get(Plan.MAX_CATCH_UP - 1)).isEqualTo("2026-12-06T22:17:00Z");
    }

    @Test
    void retriesBackOffExponentiallyUpToAnHour() {
        assertThat(List.of(1, 2, 3, 4).stream().map(Plan::backoff).toList())
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(240));
        assertThat(Plan.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void placeholdersInPathsTakeTheLogicalDateInTheJobsZone() {
        Instant t = Instant.parse("2026-12-06T23:30:00Z");
        assertThat(BatchScoreExecutor.expand("out/{job}/{date}.parquet", "nightly", t, ZoneId.of("Europe/Paris")))
                .isEqualTo("out/nightly/2026-12-07.parquet");
        assertThat(BatchScoreExecutor.expand("in-{time}.csv", "j", t, UTC)).isEqualTo("in-20261206T2330.csv");
    }

    @Test
    void aRetryWhoseOutputAnEarlierAttemptFinishedSucceedsWithoutRunningAgain(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("2026-12-06.parquet"));
        JobRow job = new JobRow(
                "j",
                "batch-score",
                "m/1",
                "@daily",
                "UTC",
                org.bighead.registry.Json.parse(
                        "{\"input\": \"in.csv\", \"output\": \"" + dir.resolve("{date}.parquet") + "\"}"),
                "latest",
                2,
                60,
                false,
                "t",
                "2026-12-06T00:00:00.000Z",
                null);
        BatchScoreExecutor never = new BatchScoreExecutor(List.of("/nonexistent/bighead"), java.util.Map.of());
        Instant t = Instant.parse("2026-12-06T00:00:00Z");
        assertThat(never.run(job, t, 2, Duration.ofSeconds(5), null).succeeded())
                .isTrue();
        RunResult first = never.run(job, t, 1, Duration.ofSeconds(5), null);
        assertThat(first.succeeded()).isFalse();
        assertThat(first.message()).contains("could not start");
        assertThat(out).exists();
    }

    @Test
    void unknownKindsAndPoliciesListTheValidOnes() {
        assertThatThrownBy(() -> JobKind.parse("score"))
                .hasMessage("job kind 'score' is not one of batch-score, retrain, evaluate");
        assertThatThrownBy(() -> Plan.CatchUp.parse("some")).hasMessageContaining("latest, all, none");
    }
}
