package org.bighead.registry.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bighead.registry.Json;
import org.bighead.registry.Times;
import org.bighead.registry.store.JobRow;
import org.bighead.registry.store.JobStore;
import org.bighead.registry.store.NotFoundException;
import org.bighead.registry.store.RunRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler embedded in the registry: every poll it queues the runs that are due (one row per job and logical
 * time, so a time is queued once), claims queued runs and retries that are due, and runs them on a pool of workers.
 * On start it marks runs left running by a process that died interrupted; they are retried like failed runs.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final JobStore store;
    private final JobExecutor executor;
    private final Clock clock;
    private final String owner = "scheduler-" + UUID.randomUUID();
    private final int workers;
    private final Semaphore free;
    private final ExecutorService pool;
    private volatile ScheduledExecutorService ticker;
    private ScheduledFuture<?> polling;

    /** A scheduler over {@code store} running at most {@code workers} runs at once. */
    public Scheduler(JobStore store, JobExecutor executor, Clock clock, int workers) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.workers = workers;
        this.free = new Semaphore(workers);
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bighead-job");
            t.setDaemon(true);
            return t;
        });
    }

    /** This process's claim mark on the runs it holds. */
    public String owner() {
        return owner;
    }

    /** Recovers runs a dead process left running, then polls every {@code poll}. */
    public void start(Duration poll) {
        recover();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bighead-scheduler");
            t.setDaemon(true);
            return t;
        });
        polling = ticker.scheduleWithFixedDelay(this::poll, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls now rather than at the next interval: a run queued by hand ({@code jobs run}) starts at once, and a
     * worker that frees up takes the next queued run without waiting a poll. Does nothing before {@link #start}.
     */
    public void wake() {
        ScheduledExecutorService t = ticker;
        if (t != null && !t.isShutdown()) {
            try {
                t.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closing: nothing to start
            }
        }
    }

    private void poll() {
        try {
            tick();
        } catch (RuntimeException e) {
            ScheduledExecutorService t = ticker;
            if (t != null && !t.isShutdown()) { // a poll cut off by close() is not a failure
                LOG.warn("scheduler poll failed: {}", e.toString());
            }
        }
    }

    /** Marks runs left running by another (dead) process interrupted and due a retry now; returns how many. */
    public int recover() {
        int n = store.interruptOthers(owner, Times.format(clock.instant()));
        if (n > 0) {
            LOG.info("{} job run(s) left running by a stopped registry marked interrupted", n);
        }
        return n;
    }

    /** One poll: queues due runs, then claims and starts what it can; returns the runs started. */
    public List<RunRow> tick() {
        Instant now = clock.instant();
        for (JobRow job : store.jobs()) {
            if (!job.paused() && job.nextTime() != null) {
                queueDue(job, now);
            }
        }
        List<RunRow> started = new ArrayList<>();
        String nowText = Times.format(now);
        // a few more than the free workers: some of them may be claimed by another scheduler meanwhile
        for (RunRow run : store.claimable(nowText, free.availablePermits() + workers)) {
            if (!free.tryAcquire()) {
                break;
            }
            boolean submitted = false;
            try {
                JobRow job = store.job(run.job());
                if (!run.status().equals("queued") && run.attempt() > job.maxRetries()) {
                    store.noMoreRetries(run.job(), run.logicalTime());
                    continue;
                }
                var claimed = store.claim(run.job(), run.logicalTime(), owner, nowText);
                if (claimed.isEmpty()) {
                    continue;
                }
                started.add(claimed.get());
                pool.execute(() -> execute(job, claimed.get()));
                submitted = true;
            } catch (NotFoundException e) {
                // the job was deleted since: nothing to run
            } finally {
                if (!submitted) {
                    free.release();
                }
            }
        }
        return started;
    }

    /** Waits until no run is in progress, at most {@code timeout}; true if none is. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (free.tryAcquire(workers, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            free.release(workers);
            return true;
        }
        return false;
    }

    private void queueDue(JobRow job, Instant now) {
        Cron cron = Cron.parse(job.schedule());
        ZoneId zone = ZoneId.of(job.timeZone());
        Instant next = Instant.parse(job.nextTime());
        Plan.Due due = Plan.due(cron, zone, next, now, Plan.CatchUp.parse(job.catchUp()));
        if (due.next() != null && due.next().equals(next)) {
            return;
        }
        // only the scheduler that moves next_time on queues these times; the run's key stops any second queueing
        if (store.advance(job.name(), job.nextTime(), due.next() == null ? null : Times.format(due.next()))) {
            for (Instant t : due.times()) {
                store.insertRun(job.name(), Times.format(t), "queued", "schedule", null);
            }
        }
    }

    private void execute(JobRow job, RunRow run) {
        try {
            RunResult result;
            try {
                result = executor.run(
                        job, Instant.parse(run.logicalTime()), run.attempt(), Duration.ofSeconds(job.timeoutSeconds()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down: the run stays running, and the next start marks it interrupted
            } catch (RuntimeException e) {
                ObjectNode none = Json.MAPPER.createObjectNode();
                result = new RunResult(false, none, "the run failed inside the registry: " + e, "");
            }
            String retryAt = null;
            if (!result.succeeded() && run.attempt() <= job.maxRetries()) {
                retryAt = Times.format(clock.instant().plus(Plan.backoff(run.attempt())));
            }
            store.finish(
                    run.job(),
                    run.logicalTime(),
                    owner,
                    result.succeeded() ? "succeeded" : "failed",
                    result.outputs(),
                    result.message(),
                    result.logTail(),
                    retryAt);
        } catch (RuntimeException e) {
            LOG.warn("recording the end of job {} at {} failed: {}", run.job(), run.logicalTime(), e.toString());
        } finally {
            free.release();
            wake();
        }
    }

    /** Stops polling and the workers (runs in progress stay running and are recovered at the next start). */
    @Override
    public void close() {
        if (ticker != null) {
            polling.cancel(false);
            ticker.shutdownNow();
        }
        pool.shutdownNow();
    }
}
