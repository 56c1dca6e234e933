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
 * The scheduler embedded in the registry: every poll it queues the runs of the jobs that are due (one row per job and
 * logical time, so a time is queued once), claims queued runs and retries that are due, and runs them on a pool of
 * workers, each with its own scoped registry token ({@link RunTokens}).
 *
 * <p>Several schedulers may share one database: each records a heartbeat every {@code lease / 6}, and marks
 * interrupted the runs held by any other whose heartbeat is older than the lease (it died, or stopped); those runs
 * are retried like failed runs, while they have retries left.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** How long a scheduler may go without a heartbeat before others take its runs as interrupted. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** A run's token outlives its timeout by this much: the child is stopped, then the end is recorded. */
    private static final Duration TOKEN_GRACE = Duration.ofMinutes(15);

    /** Due jobs read per poll; more wait for the next one. */
    private static final int DUE_BATCH = 500;

    private final JobStore store;
    private final JobExecutor executor;
    private final Clock clock;
    private final String owner = "scheduler-" + UUID.randomUUID();
    private final int workers;
    private final Duration lease;
    private final RunTokens tokens;
    private final Semaphore free;
    private final ExecutorService pool;
    private volatile ScheduledExecutorService ticker;
    private ScheduledFuture<?> polling;
    private volatile Instant lastBeat;

    /** A scheduler over {@code store} running at most {@code workers} runs at once, the default lease, no tokens. */
    public Scheduler(JobStore store, JobExecutor executor, Clock clock, int workers) {
        this(store, executor, clock, workers, DEFAULT_LEASE, RunTokens.NONE);
    }

    /**
     * A scheduler that takes the runs of schedulers silent for longer than {@code lease} as interrupted, and gives
     * each run a token from {@code tokens}.
     */
    public Scheduler(JobStore store, JobExecutor executor, Clock clock, int workers, Duration lease, RunTokens tokens) {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a scheduler's lease must be at least 1 s, not " + lease);
        }
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.workers = workers;
        this.lease = lease;
        this.tokens = tokens;
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

    /** Beats (recovering runs a dead process left running), then polls every {@code poll}. */
    public void start(Duration poll) {
        beat();
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

    /**
     * Records this scheduler's heartbeat, then marks interrupted the runs of schedulers without one within the
     * lease (see {@link #recover}); returns how many it marked.
     */
    public int beat() {
        Instant now = clock.instant();
        store.beat(owner, Times.format(now));
        lastBeat = now;
        return recover();
    }

    /**
     * Marks runs left running by another scheduler whose heartbeat is older than the lease (or gone: it stopped)
     * interrupted, due a retry now while they have retries left; returns how many.
     */
    public int recover() {
        Instant now = clock.instant();
        int n = store.interruptOrphans(owner, Times.format(now.minus(lease)), Times.format(now));
        if (n > 0) {
            LOG.info("{} job run(s) left running by a registry that stopped beating marked interrupted", n);
        }
        return n;
    }

    /** One poll: beats when due, queues due runs, then claims and starts what it can; returns the runs started. */
    public List<RunRow> tick() {
        Instant now = clock.instant();
        Instant beaten = lastBeat;
        // before any claim: a claim by a scheduler with no heartbeat would be anyone's to interrupt
        if (beaten == null || !now.isBefore(beaten.plus(lease.dividedBy(6)))) {
            beat();
        }
        for (JobRow job : store.dueJobs(Times.format(now), DUE_BATCH)) {
            queueDue(job, now);
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
                String token;
                try {
                    token = tokens.mint(
                            RunTokens.grant(job, claimed.get()),
                            now.plusSeconds(job.timeoutSeconds()).plus(TOKEN_GRACE));
                } catch (RuntimeException e) {
                    noToken(job, claimed.get(), now, e);
                    continue;
                }
                started.add(claimed.get());
                pool.execute(() -> execute(job, claimed.get(), token));
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

    /** A claimed run whose token could not be made ends failed, retried like any failure. */
    private void noToken(JobRow job, RunRow run, Instant now, RuntimeException e) {
        store.finish(
                run.job(),
                run.logicalTime(),
                owner,
                "failed",
                Json.MAPPER.createObjectNode(),
                "could not make the run's registry token: " + e,
                "",
                run.attempt() <= job.maxRetries() ? Times.format(now.plus(Plan.backoff(run.attempt()))) : null);
    }

    private void execute(JobRow job, RunRow run, String token) {
        try {
            RunResult result;
            try {
                result = executor.run(
                        job,
                        Instant.parse(run.logicalTime()),
                        run.attempt(),
                        Duration.ofSeconds(job.timeoutSeconds()),
                        token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down: the run stays running; a scheduler that beats marks it interrupted
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
            try {
                tokens.revoke(run.job(), run.logicalTime());
            } catch (RuntimeException e) {
                LOG.warn("revoking the token of job {} at {} failed: {}", run.job(), run.logicalTime(), e.toString());
            }
            free.release();
            wake();
        }
    }

    /**
     * Stops polling and the workers, and removes this scheduler's heartbeat: its runs in progress stay running and
     * another scheduler on the database (or this registry's next start) marks them interrupted and retries them.
     */
    @Override
    public void close() {
        if (ticker != null) {
            polling.cancel(false);
            ticker.shutdownNow();
            try {
                if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("the scheduler's poll did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.shutdownNow();
        if (lastBeat != null) {
            try {
                store.forget(owner);
            } catch (RuntimeException e) {
                LOG.warn("removing the scheduler's heartbeat failed: {}", e.toString());
            }
        }
    }
}
