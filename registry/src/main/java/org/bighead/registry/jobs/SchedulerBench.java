package org.bighead.registry.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bighead.registry.Json;
import org.bighead.registry.Times;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;

/**
 * The embedded scheduler's figures ({@code bench/scheduler.sh}): trigger-to-start latency of a run queued by hand
 * (as {@code jobs run} queues it: a row, then a wake-up) beside the same without the wake-up (the 1 s poll alone);
 * how many due runs per second it starts and records with executors that do nothing, one scheduler and two on the
 * same database; and what an idle poll costs among thousands of jobs none of which is due, beside reading every job
 * (what each poll did before it asked only for due jobs). On SQLite (a file, as {@code registry serve} keeps it)
 * and on PostgreSQL when a JDBC URL is given, printed side by side.
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
            Map<String, Figures> by = new LinkedHashMap<>();
            by.put("SQLite", bench("jdbc:sqlite:" + dir.resolve("registry.db"), runs, workers));
            if (postgres != null) {
                by.put("PostgreSQL", bench(postgres, runs, workers));
            } else {
                System.out.println("(no PostgreSQL: give --postgres JDBC_URL, or BIGHEAD_TEST_POSTGRES_URL from"
                        + " scripts/test-services.sh)");
            }
            print(by, runs, workers);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One database's figures: latencies in ms, throughputs in runs/s, poll costs in ms. */
    private record Figures(
            double wokenP50,
            double wokenP99,
            double polledP50,
            double oneScheduler,
            double twoSchedulers,
            double idlePoll,
            double readAll) {}

    private static final int IDLE_JOBS = 5000;

    private static Figures bench(String url, int runs, int workers) throws Exception {
        try (Database db = Database.open(url, null, null)) {
            JobStore store = new JobStore(db);
            String prefix = "bench-" + Long.toString(System.nanoTime(), 36);
            List<Double> woken = latencies(store, prefix + "-woken", 50, true);
            List<Double> polled = latencies(store, prefix + "-polled", 10, false);
            double one = throughput(store, prefix + "-due", runs, workers, 1);
            double two = throughput(store, prefix + "-due2", runs, workers, 2);
            double[] poll = idlePoll(store, prefix + "-idle");
            return new Figures(pct(woken, 50), pct(woken, 99), pct(polled, 50), one, two, poll[0], poll[1]);
        }
    }

    private static void print(Map<String, Figures> by, int runs, int workers) {
        String row = "%-58s" + " | %-25s".repeat(by.size()) + " | %s%n";
        List<Object> head = new ArrayList<>(List.of("figure (no-op executors)"));
        head.addAll(by.keySet());
        head.add("reference");
        System.out.printf(Locale.ROOT, row, head.toArray());
        line(
                row,
                "trigger → start of a `jobs run` (row, then wake-up)",
                by,
                f -> String.format(Locale.ROOT, "p50 %.1f ms, p99 %.0f ms", f.wokenP50(), f.wokenP99()),
                "1 s poll alone: " + perDatabase(by, "p50 %,.0f ms (%s)", Figures::polledP50));
        line(
                row,
                String.format(Locale.ROOT, "due runs started and recorded (%,d runs, %d workers)", runs, workers),
                by,
                f -> String.format(Locale.ROOT, "%,.0f runs/s", f.oneScheduler()),
                "db-scheduler's README: ~10,000 executions/s on PostgreSQL (its own benchmark, not run here)");
        line(
                row,
                String.format(Locale.ROOT, "the same, two schedulers on one database (%d workers each)", workers),
                by,
                f -> String.format(Locale.ROOT, "%,.0f runs/s", f.twoSchedulers()),
                "every run started once (checked)");
        line(
                row,
                String.format(Locale.ROOT, "an idle poll among %,d jobs, none due (median)", IDLE_JOBS),
                by,
                f -> String.format(Locale.ROOT, "%.2f ms", f.idlePoll()),
                "reading every job, as each poll did before: " + perDatabase(by, "%.2f ms (%s)", Figures::readAll));
    }

    /** One figure of each database, {@code format} taking the value then the database's name. */
    private static String perDatabase(
            Map<String, Figures> by, String format, java.util.function.ToDoubleFunction<Figures> value) {
        return String.join(
                ", ",
                by.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, format, value.applyAsDouble(e.getValue()), e.getKey()))
                        .toList());
    }

    private static void line(
            String row, String figure, Map<String, Figures> by, Function<Figures, String> cell, String reference) {
        List<Object> cells = new ArrayList<>(List.of(figure));
        by.values().forEach(f -> cells.add(cell.apply(f)));
        cells.add(reference);
        System.out.printf(Locale.ROOT, row, cells.toArray());
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

    /**
     * Runs per second from the first poll until {@code runs} queued runs were run and recorded by {@code
     * schedulers} schedulers on the store's database; fails if any run started twice.
     */
    private static double throughput(JobStore store, String prefix, int runs, int workers, int schedulers)
            throws Exception {
        int jobs = 20;
        for (int j = 0; j < jobs; j++) {
            store.create(job(prefix + "-" + j));
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < runs; i++) {
            store.insertRun(prefix + "-" + (i % jobs), Times.format(base.plusSeconds(i)), "queued", "manual", null);
        }
        CountDownLatch done = new CountDownLatch(runs);
        Map<String, Integer> starts = new ConcurrentHashMap<>();
        JobExecutor noop = (j, t, attempt, timeout, token) -> {
            starts.merge(j.name() + "@" + t, 1, Integer::sum);
            done.countDown();
            return new RunResult(true, Json.MAPPER.createObjectNode(), "ok", "");
        };
        List<Scheduler> all = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < schedulers; i++) {
                Scheduler s = new Scheduler(store, noop, Clock.systemUTC(), workers);
                all.add(s);
                s.start(Duration.ofSeconds(1));
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the runs did not all finish");
            }
            for (Scheduler s : all) {
                if (!s.awaitIdle(Duration.ofMinutes(1))) {
                    throw new IllegalStateException("the runs did not all finish");
                }
            }
        } finally {
            all.forEach(Scheduler::close);
        }
        double perSecond = runs / ((System.nanoTime() - t0) / 1e9);
        if (starts.size() != runs || starts.values().stream().anyMatch(n -> n != 1)) {
            throw new IllegalStateException("a run started more than once, or not at all");
        }
        return perSecond;
    }

    /** Median ms of an idle poll among {@link #IDLE_JOBS} jobs none of which is due, and of reading every job. */
    private static double[] idlePoll(JobStore store, String prefix) throws Exception {
        for (int i = 0; i < IDLE_JOBS; i++) {
            store.create(job(prefix + "-" + i));
        }
        JobExecutor never = (j, t, attempt, timeout, token) -> {
            throw new IllegalStateException("nothing is due");
        };
        List<Double> polls = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        try (Scheduler s = new Scheduler(store, never, Clock.systemUTC(), 2)) {
            s.tick(); // its first heartbeat
            for (int i = 0; i < 30; i++) {
                long t0 = System.nanoTime();
                if (!s.tick().isEmpty()) {
                    throw new IllegalStateException("nothing should be due");
                }
                polls.add((System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                if (store.jobs().size() < IDLE_JOBS) {
                    throw new IllegalStateException("jobs missing");
                }
                reads.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return new double[] {pct(polls, 50), pct(reads, 50)};
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
