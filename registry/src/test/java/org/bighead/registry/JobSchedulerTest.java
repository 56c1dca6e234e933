package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bighead.registry.jobs.JobExecutor;
import org.bighead.registry.jobs.RunResult;
import org.bighead.registry.jobs.Scheduler;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;
import org.bighead.registry.store.RunRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler over a real database (SQLite; PostgreSQL too when BIGHEAD_TEST_POSTGRES_URL is set). */
class JobSchedulerTest {
    private static final Instant START = Instant.parse("2026-12-06T22:00:30Z");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private interface DbTest {
        void run(Database db) throws Exception;
    }

    private static void onSqlite(Path dir, DbTest test) throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("registry.db"), null, null)) {
            test.run(db);
        }
    }

    private static void onPostgres(DbTest test) throws Exception {
        try (PostgresTestSchema schema = PostgresTestSchema.create("JobSchedulerTest");
                Database db = Database.open(schema.jdbcUrl(), null, null)) {
            test.run(db);
        }
    }

    private static JobRow hourly(String name, String catchUp, int retries) {
        return new JobRow(
                name,
                "batch-score",
                "m@champion",
                "@hourly",
                "UTC",
                Json.parse("{\"input\": \"in.csv\", \"output\": \"out/{date}.parquet\"}"),
                catchUp,
                retries,
                60,
                false,
                "test",
                Times.format(START),
                "2026-12-06T23:00:00.000Z");
    }

    private static RunResult ok() {
        return new RunResult(true, Json.MAPPER.createObjectNode().put("rows", 3), "done", "log");
    }

    @Test
    void aDueRunIsQueuedClaimedAndRecordedOnceOnSqlite(@TempDir Path dir) throws Exception {
        onSqlite(dir, JobSchedulerTest::aDueRunIsQueuedClaimedAndRecordedOnce);
    }

    @Test
    void aDueRunIsQueuedClaimedAndRecordedOnceOnPostgres() throws Exception {
        onPostgres(JobSchedulerTest::aDueRunIsQueuedClaimedAndRecordedOnce);
    }

    private static void aDueRunIsQueuedClaimedAndRecordedOnce(Database db) throws Exception {
        JobStore store = new JobStore(db);
        store.create(hourly("nightly", "latest", 0));
        TestClock clock = new TestClock();
        List<Instant> ran = Collections.synchronizedList(new ArrayList<>());
        JobExecutor executor = (job, at, attempt, timeout) -> {
            ran.add(at);
            return ok();
        };
        try (Scheduler a = new Scheduler(store, executor, clock, 2);
                Scheduler b = new Scheduler(store, executor, clock, 2)) {
            assertThat(a.tick()).isEmpty(); // not due yet
            clock.now = Instant.parse("2026-12-06T23:00:01Z");
            a.tick();
            b.tick(); // a second scheduler on the same database finds nothing left to claim
            assertThat(a.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(b.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(ran).containsExactly(Instant.parse("2026-12-06T23:00:00Z"));
        List<RunRow> runs = store.runs("nightly", 10);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).status()).isEqualTo("succeeded");
        assertThat(runs.get(0).outputs().path("rows").asInt()).isEqualTo(3);
        assertThat(runs.get(0).trigger()).isEqualTo("schedule");
        assertThat(store.job("nightly").nextTime()).isEqualTo("2026-12-07T00:00:00.000Z");
    }

    @Test
    void aRunClaimedByASchedulerThatDiedIsInterruptedThenRetriedNeverDuplicatedOnSqlite(@TempDir Path dir)
            throws Exception {
        onSqlite(dir, JobSchedulerTest::aRunClaimedByASchedulerThatDiedIsInterruptedThenRetried);
    }

    @Test
    void aRunClaimedByASchedulerThatDiedIsInterruptedThenRetriedNeverDuplicatedOnPostgres() throws Exception {
        onPostgres(JobSchedulerTest::aRunClaimedByASchedulerThatDiedIsInterruptedThenRetried);
    }

    private static void aRunClaimedByASchedulerThatDiedIsInterruptedThenRetried(Database db) throws Exception {
        JobStore store = new JobStore(db);
        store.create(hourly("nightly", "latest", 1));
        TestClock clock = new TestClock();
        clock.now = Instant.parse("2026-12-06T23:00:01Z");
        CountDownLatch started = new CountDownLatch(1);
        JobExecutor hangs = (job, at, attempt, timeout) -> {
            started.countDown();
            new CountDownLatch(1).await(); // until the scheduler "dies"
            throw new AssertionError("unreachable");
        };
        Scheduler dead = new Scheduler(store, hangs, clock, 1);
        assertThat(dead.tick()).hasSize(1);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        dead.close(); // the process is gone: its run is left 'running'
        assertThat(store.runs("nightly", 10).get(0).status()).isEqualTo("running");

        AtomicInteger runs = new AtomicInteger();
        try (Scheduler restarted = new Scheduler(
                store,
                (job, at, attempt, timeout) -> {
                    runs.incrementAndGet();
                    return ok();
                },
                clock,
                1)) {
            assertThat(restarted.recover()).isEqualTo(1);
            RunRow interrupted = store.runs("nightly", 10).get(0);
            assertThat(interrupted.status()).isEqualTo("interrupted");
            assertThat(interrupted.message()).contains("stopped before it ended");
            restarted.tick();
            assertThat(restarted.awaitIdle(Duration.ofSeconds(10))).isTrue();
            restarted.tick(); // nothing more to do
            assertThat(restarted.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(runs).hasValue(1);
        List<RunRow> all = store.runs("nightly", 10);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).status()).isEqualTo("succeeded");
        assertThat(all.get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aFailedRunIsRetriedAfterItsBackoffUntilItsRetriesAreUsedUp(@TempDir Path dir) throws Exception {
        onSqlite(dir, db -> {
            JobStore store = new JobStore(db);
            store.create(hourly("flaky", "latest", 1));
            TestClock clock = new TestClock();
            clock.now = Instant.parse("2026-12-06T23:00:01Z");
            AtomicInteger attempts = new AtomicInteger();
            JobExecutor fails = (job, at, attempt, timeout) -> {
                attempts.incrementAndGet();
                return new RunResult(false, Json.MAPPER.createObjectNode(), "exit 1", "boom");
            };
            try (Scheduler s = new Scheduler(store, fails, clock, 1)) {
                s.tick();
                assertThat(s.awaitIdle(Duration.ofSeconds(10))).isTrue();
                RunRow failed = store.runs("flaky", 1).get(0);
                assertThat(failed.status()).isEqualTo("failed");
                assertThat(failed.retryAt()).isEqualTo("2026-12-06T23:00:31.000Z");
                clock.now = clock.now.plusSeconds(10);
                assertThat(s.tick()).isEmpty(); // backing off
                clock.now = clock.now.plusSeconds(30);
                assertThat(s.tick()).hasSize(1);
                assertThat(s.awaitIdle(Duration.ofSeconds(10))).isTrue();
                clock.now = clock.now.plus(Duration.ofMinutes(30));
                assertThat(s.tick()).isEmpty(); // retries used up
            }
            RunRow last = store.runs("flaky", 1).get(0);
            assertThat(attempts).hasValue(2);
            assertThat(last.attempt()).isEqualTo(2);
            assertThat(last.status()).isEqualTo("failed");
            assertThat(last.retryAt()).isNull();
            assertThat(last.logTail()).isEqualTo("boom");
        });
    }

    @Test
    void catchUpAllQueuesEveryMissedTimeAndPausedJobsWait(@TempDir Path dir) throws Exception {
        onSqlite(dir, db -> {
            JobStore store = new JobStore(db);
            store.create(hourly("all", "all", 0));
            store.create(hourly("paused", "all", 0));
            store.setPaused("paused", true, "2026-12-06T23:00:00.000Z");
            TestClock clock = new TestClock();
            clock.now = Instant.parse("2026-12-07T02:30:00Z");
            try (Scheduler s = new Scheduler(store, (job, at, attempt, timeout) -> ok(), clock, 4)) {
                assertThat(s.tick()).hasSize(4);
                assertThat(s.awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(store.runs("all", 10).stream().map(RunRow::logicalTime))
                    .containsExactly(
                            "2026-12-07T02:00:00.000Z",
                            "2026-12-07T01:00:00.000Z",
                            "2026-12-07T00:00:00.000Z",
                            "2026-12-06T23:00:00.000Z");
            assertThat(store.runs("paused", 10)).isEmpty();
        });
    }

    @Test
    void aRunIsClaimedByOneInsertOnly(@TempDir Path dir) throws Exception {
        onSqlite(dir, db -> {
            JobStore store = new JobStore(db);
            store.create(hourly("once", "latest", 0));
            assertThat(store.insertRun("once", "2026-12-06T23:00:00.000Z", "running", "schedule", "a"))
                    .isPresent();
            assertThat(store.insertRun("once", "2026-12-06T23:00:00.000Z", "running", "schedule", "b"))
                    .isEmpty();
            assertThat(store.claim("once", "2026-12-06T23:00:00.000Z", "b", Times.now()))
                    .isEmpty();
        });
    }
}
