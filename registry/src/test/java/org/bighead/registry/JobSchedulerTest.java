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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        JobExecutor executor = (job, at, attempt, timeout, token) -> {
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
        JobExecutor hangs = (job, at, attempt, timeout, token) -> {
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
                (job, at, attempt, timeout, token) -> {
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
            JobExecutor fails = (job, at, attempt, timeout, token) -> {
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
            try (Scheduler s = new Scheduler(store, (job, at, attempt, timeout, token) -> ok(), clock, 4)) {
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

    @Test
    void twoSchedulersOnOneDatabaseNeverStartTheSameRunOnSqlite(@TempDir Path dir) throws Exception {
        onSqlite(dir, JobSchedulerTest::twoSchedulersNeverStartTheSameRun);
    }

    @Test
    void twoSchedulersOnOneDatabaseNeverStartTheSameRunOnPostgres() throws Exception {
        onPostgres(JobSchedulerTest::twoSchedulersNeverStartTheSameRun);
    }

    /** Two schedulers polling one database as fast as they can: every queued run starts once, by one of them. */
    private static void twoSchedulersNeverStartTheSameRun(Database db) throws Exception {
        JobStore store = new JobStore(db);
        int jobs = 8;
        int perJob = 25;
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int j = 0; j < jobs; j++) {
            store.create(hourly("race-" + j, "latest", 0));
            for (int i = 0; i < perJob; i++) {
                store.insertRun("race-" + j, Times.format(base.plusSeconds(i)), "queued", "manual", null);
            }
        }
        Map<String, Integer> starts = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(jobs * perJob);
        JobExecutor counts = (job, at, attempt, timeout, token) -> {
            starts.merge(job.name() + "@" + at, 1, Integer::sum);
            all.countDown();
            return ok();
        };
        TestClock clock = new TestClock();
        try (Scheduler a = new Scheduler(store, counts, clock, 4);
                Scheduler b = new Scheduler(store, counts, clock, 4)) {
            a.start(Duration.ofMillis(5));
            b.start(Duration.ofMillis(5));
            assertThat(all.await(2, TimeUnit.MINUTES)).as("every run started").isTrue();
            assertThat(a.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(b.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(starts).hasSize(jobs * perJob);
        assertThat(starts.values()).containsOnly(1);
        for (int j = 0; j < jobs; j++) {
            assertThat(store.runs("race-" + j, 100))
                    .extracting(RunRow::status, RunRow::attempt)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("succeeded", 1));
        }
    }

    @Test
    void aSchedulerThatStopsBeatingHasItsRunInterruptedAndRetriedByAnotherOnSqlite(@TempDir Path dir) throws Exception {
        onSqlite(dir, JobSchedulerTest::aSchedulerThatStopsBeatingHasItsRunRetriedByAnother);
    }

    @Test
    void aSchedulerThatStopsBeatingHasItsRunInterruptedAndRetriedByAnotherOnPostgres() throws Exception {
        onPostgres(JobSchedulerTest::aSchedulerThatStopsBeatingHasItsRunRetriedByAnother);
    }

    /**
     * Scheduler A claims two runs and then goes silent (its worker hangs, it never polls again: a stopped process
     * as the database sees it). Within the lease the others leave its runs alone; past it, of two schedulers that
     * look at once exactly one marks them interrupted, and the run with a retry left runs again, once, elsewhere.
     * A's late end is not recorded: it no longer holds the run.
     */
    private static void aSchedulerThatStopsBeatingHasItsRunRetriedByAnother(Database db) throws Exception {
        JobStore store = new JobStore(db);
        store.create(hourly("retried", "latest", 1));
        store.create(hourly("no-retries", "latest", 0));
        TestClock clock = new TestClock();
        clock.now = Instant.parse("2026-12-06T23:00:01Z");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothStarted = new CountDownLatch(2);
        JobExecutor hangs = (job, at, attempt, timeout, token) -> {
            bothStarted.countDown();
            release.await();
            return new RunResult(true, Json.MAPPER.createObjectNode(), "ended late, on the silent scheduler", "");
        };
        List<String> elsewhere = Collections.synchronizedList(new ArrayList<>());
        JobExecutor records = (job, at, attempt, timeout, token) -> {
            elsewhere.add(job.name() + " attempt " + attempt);
            return new RunResult(true, Json.MAPPER.createObjectNode(), "retried elsewhere", "");
        };
        try (Scheduler silent = new Scheduler(store, hangs, clock, 2);
                Scheduler b = new Scheduler(store, records, clock, 1);
                Scheduler c = new Scheduler(store, records, clock, 1)) {
            assertThat(silent.tick()).hasSize(2);
            assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();

            clock.now = clock.now.plusSeconds(29); // within the lease: A's runs are A's
            assertThat(b.beat() + c.beat()).isZero();
            assertThat(b.tick()).isEmpty();
            assertThat(store.run("retried", "2026-12-06T23:00:00.000Z").owner()).isEqualTo(silent.owner());

            clock.now = clock.now.plusSeconds(2); // past it: B and C look at once
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> byB = both.submit(b::beat);
                Future<Integer> byC = both.submit(c::beat);
                assertThat(byB.get() + byC.get()).isEqualTo(2);
            } finally {
                both.shutdown();
            }
            RunRow noRetries = store.run("no-retries", "2026-12-06T23:00:00.000Z");
            assertThat(noRetries.status()).isEqualTo("interrupted");
            assertThat(noRetries.retryAt()).isNull();
            assertThat(noRetries.message()).contains("stopped before it ended");

            assertThat(b.tick().size() + c.tick().size()).isEqualTo(1);
            assertThat(b.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(c.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(b.tick().size() + c.tick().size()).isZero();

            release.countDown(); // A's worker ends after all
            assertThat(silent.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(elsewhere).containsExactly("retried attempt 2");
        RunRow retried = store.run("retried", "2026-12-06T23:00:00.000Z");
        assertThat(retried.status()).isEqualTo("succeeded");
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.message()).isEqualTo("retried elsewhere");
        assertThat(store.run("no-retries", "2026-12-06T23:00:00.000Z").status()).isEqualTo("interrupted");
    }

    @Test
    void aPollReadsOnlyTheJobsThatAreDue(@TempDir Path dir) throws Exception {
        onSqlite(dir, db -> {
            JobStore store = new JobStore(db);
            store.create(hourly("due", "latest", 0));
            JobRow later = hourly("later", "latest", 0);
            store.create(new JobRow(
                    "later",
                    later.kind(),
                    later.modelRef(),
                    later.schedule(),
                    later.timeZone(),
                    later.spec(),
                    later.catchUp(),
                    0,
                    60,
                    false,
                    "test",
                    later.createdAt(),
                    "2026-12-07T05:00:00.000Z"));
            store.create(hourly("paused", "latest", 0));
            store.setPaused("paused", true, "2026-12-06T23:00:00.000Z");
            assertThat(store.dueJobs("2026-12-06T22:59:59.999Z", 10)).isEmpty();
            assertThat(store.dueJobs("2026-12-06T23:00:00.000Z", 10))
                    .extracting(JobRow::name)
                    .containsExactly("due");
            assertThat(store.dueJobs("2026-12-07T06:00:00.000Z", 10))
                    .extracting(JobRow::name)
                    .containsExactly("due", "later");
        });
    }
}
