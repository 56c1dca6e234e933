package org.bighead.registry.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Follows one run of a job (by its logical time) until it ends: {@code ./bighead jobs run --wait} and {@code %bighead
 * jobs NAME --run} both watch runs this way. It polls the job's history, reports each change of status, and says
 * once why a run may stay queued: the registry's scheduler starts runs, and a registry started without one (or one
 * not listing the run at all) would otherwise leave the watcher waiting in silence.
 */
public final class RunWatcher {
    /** How long a run may stay queued (or unlisted) before the watcher says why that may be. */
    public static final Duration QUEUED_HINT = Duration.ofSeconds(10);

    /** How long the history may not list a run it was asked for before the watcher gives up on it. */
    public static final Duration UNLISTED = Duration.ofMinutes(1);

    private static final Duration POLL = Duration.ofMillis(500);

    /** What the watcher reports as it goes. */
    public interface Events {
        /** The run's status changed (the first time it is seen, too). */
        void changed(JobRun run);

        /** The run is still queued, or not listed yet, after {@link #QUEUED_HINT}: {@code hint} says why. */
        void stillQueued(String hint);
    }

    /** How the watcher waits between polls (a test's clock moves instead). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How the watch ended.
     *
     * @param run the run as last seen, or null when the history never listed it
     * @param ended whether it ended (else the deadline came first)
     */
    public record Outcome(JobRun run, boolean ended) {
        /** Whether it ended and succeeded. */
        public boolean succeeded() {
            return ended && "succeeded".equals(run.status());
        }
    }

    private final RegistryClient client;
    private final Clock clock;
    private final Sleeper sleeper;

    public RunWatcher(RegistryClient client) {
        this(client, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    public RunWatcher(RegistryClient client, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Watches job {@code job}'s run at {@code logicalTime} until it ends or {@code timeout} passes (or {@link
     * #UNLISTED} passes with the run nowhere in the history: then the outcome's run is null).
     *
     * @param depth how many of the newest runs to look through (a logical time of the past may be further down the
     *     history than the newest runs)
     * @throws InterruptedException when the waiting thread is interrupted (the run goes on in the registry)
     */
    public Outcome watch(String job, String logicalTime, int depth, Duration timeout, Events events)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        boolean hinted = false;
        JobRun seen = null;
        while (true) {
            JobRun run = client.listJobRuns(job, depth).stream()
                    .filter(r -> r.logicalTime().equals(logicalTime))
                    .findFirst()
                    .orElse(null);
            if (run != null && (seen == null || !Objects.equals(seen.status(), run.status()))) {
                events.changed(run);
            }
            seen = run != null ? run : seen;
            if (seen != null && !seen.active()) {
                return new Outcome(seen, true);
            }
            Instant now = clock.instant();
            if (!hinted && (seen == null || seen.status().equals("queued")) && !now.isBefore(start.plus(QUEUED_HINT))) {
                hinted = true;
                events.stillQueued(queuedHint(job, seen == null));
            }
            if (!now.isBefore(deadline) || (seen == null && !now.isBefore(start.plus(UNLISTED)))) {
                return new Outcome(seen, false);
            }
            sleeper.sleep(POLL);
        }
    }

    /** The one line saying why a run may stay queued (or, when {@code unlisted}, not show in the history). */
    static String queuedHint(String job, boolean unlisted) {
        return job + ": " + (unlisted ? "not in the job's history" : "still queued") + " after "
                + QUEUED_HINT.toSeconds() + " s: the registry's scheduler starts runs (./bighead registry serve,"
                + " unless started with --job-workers 0)";
    }
}
