package org.bighead.registry.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bighead.registry.Json;
import org.bighead.registry.Times;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;

/**
 * The embedded scheduler's figures ({@code bench/scheduler.sh}): trigger-to-start latency of a run queued by hand
 * (as {@code jobs run} queues it: a row, then a wake-up) beside the same without the wake-up (the 1 s poll alone),
 * and how many due runs per second it starts and records, with executors that do nothing, on SQLite (a file, as
 * {@code registry serve} keeps it) and on PostgreSQL when a JDBC URL is given.
 *
 * <p>Usage: {@code SchedulerBench [--runs N] [--workers N] [--postgres JDBC_URL]}
 */
public final class SchedulerBench {
    private SchedulerBench() {}

    public static void main(String[] args) throws Exception {
        int runs = 2000;
        int workers = 8;
        String postgres = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("bighead-bench-scheduler-");
        try {
            bench("SQLite", "jdbc:sqlite:" + dir.resolve("registry.db"), runs, workers);
            if (postgres != null) {
                bench("PostgreSQL", postgres, runs, workers);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void bench(String name, String url, int runs, int workers) throws Exception {
        try (Database db = Database.open(url, null, null)) {
            JobStore store = new JobStore(db);
            String prefix = "bench-" + Long.toString(System.nanoTime(), 36);
            List<Double> woken = latencies(store, prefix + "-woken", 50, true);
            List<Double> polled = latencies(store, prefix + "-polled", 10, false);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s trigger to start (jobs run): p50 %6.1f ms, p99 %6.1f ms   | without the wake-up (1 s poll):"
                            + " p50 %6.1f ms%n",
                    name,
                    pct(woken, 50),
                    pct(woken, 99),
                    pct(polled, 50));
            double perSecond = throughput(store, prefix + "-due", runs, workers);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s due runs started and recorded: %,.0f runs/s (%,d runs, %d workers, no-op executor)   |"
                            + " db-scheduler's README: ~10,000 executions/s on PostgreSQL (its own benchmark, not"
                            + " run here)%n",
                    name,
                    perSecond,
                    runs,
                    workers);
        }
    }

    /** Milliseconds from queueing a run by hand to its executor starting, {@code n} times. */
    private static List<Double> latencies(JobStore store, String job, int n, boolean wake) throws Exception {
        store.create(job(job));
        Map<String, Long> started = new ConcurrentHashMap<>();
        JobExecutor noop = (j, t, attempt, timeout, token) -> {
            started.put(Times.format(t), System.nanoTime());
            return new RunResult(true, Json.MAPPER.createObjectNode(), "ok", "");
        };
        List<Double> out = new ArrayList<>();
        try (Scheduler s = new Scheduler(store, noop, Clock.systemUTC(), 2)) {
            s.start(Duration.ofSeconds(1));
            Thread.sleep(200);
            for (int i = 0; i < n; i++) {
                String at = Times.format(Instant.now().plusMillis(i)); // a distinct logical time per run
                long t0 = System.nanoTime();
                store.insertRun(job, at, "queued", "manual", null);
                if (wake) {
                    s.wake();
                }
                while (!started.containsKey(at)) {
                    Thread.onSpinWait();
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) {
                        throw new IllegalStateException("a run did not start within 10 s");
                    }
                }
                out.add((started.get(at) - t0) / 1e6);
                s.awaitIdle(Duration.ofSeconds(10));
            }
        }
        return out;
    }

    /** Runs per second from the first poll until {@code runs} queued runs were run and recorded. */
    private static double throughput(JobStore store, String prefix, int runs, int workers) throws Exception {
        int jobs = 20;
        for (int j = 0; j < jobs; j++) {
            store.create(job(prefix + "-" + j));
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < runs; i++) {
            store.insertRun(prefix + "-" + (i % jobs), Times.format(base.plusSeconds(i)), "queued", "manual", null);
        }
        CountDownLatch done = new CountDownLatch(runs);
        JobExecutor noop = (j, t, attempt, timeout, token) -> {
            done.countDown();
            return new RunResult(true, Json.MAPPER.createObjectNode(), "ok", "");
        };
        long t0 = System.nanoTime();
        try (Scheduler s = new Scheduler(store, noop, Clock.systemUTC(), workers)) {
            s.start(Duration.ofSeconds(1));
            if (!done.await(10, TimeUnit.MINUTES) || !s.awaitIdle(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the runs did not all finish");
            }
        }
        return runs / ((System.nanoTime() - t0) / 1e9);
    }

    private static JobRow job(String name) {
        return new JobRow(
                name,
                "batch-score",
                "m@champion",
                "0 0 1 1 *",
                "UTC",
                Json.parse("{\"input\": \"in.csv\", \"output\": \"out.parquet\"}"),
                "none",
                0,
                60,
                false,
                "bench",
                Times.now(),
                "2099-01-01T00:00:00.000Z");
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
