package org.bighead.magics;

import java.io.PrintStream;
import java.time.Duration;
import org.bighead.registry.client.Job;
import org.bighead.registry.client.JobRun;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RunWatcher;

/**
 * {@code %bighead jobs NAME --run}: queues a run of a job now and follows it to its end with the {@link RunWatcher}
 * that {@code ./bighead jobs run NAME --wait} uses, a line each time its status changes.
 */
final class RunFollower {
    private final RegistryClient client;
    private final RunWatcher watcher;
    private final PrintStream out;

    RunFollower(RegistryClient client, RunWatcher watcher, PrintStream out) {
        this.client = client;
        this.watcher = watcher;
        this.out = out;
    }

    /**
     * Runs job {@code name} now and returns the run once it ended, whether it succeeded or not.
     *
     * @throws MagicException when the run did not end in the time its attempts may take (it goes on in the
     *     registry), the history never listed it, or the cell was interrupted
     */
    JobRun runNow(String name) {
        Job job = client.getJob(name);
        String at = client.runJob(name).path("logicalTime").asText();
        out.println(name + ": run at " + at + " queued");
        String goesOn = "; it goes on in the registry (%bighead jobs " + name + ")";
        try {
            RunWatcher.Outcome outcome = watcher.watch(name, at, 20, longest(job), new RunWatcher.Events() {
                @Override
                public void changed(JobRun run) {
                    out.println(name + ": " + run.status() + ended(run));
                }

                @Override
                public void stillQueued(String hint) {
                    out.println(hint);
                }
            });
            if (outcome.run() == null) {
                throw new MagicException("%bighead jobs: the registry queued a run of " + name + " at " + at
                        + " but its history does not list it after " + RunWatcher.UNLISTED.toSeconds() + " s");
            }
            if (!outcome.ended()) {
                throw new MagicException("%bighead jobs: the run of " + name + " at " + at + " did not end within "
                        + longest(job).toMinutes() + " min" + goesOn);
            }
            return outcome.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("%bighead jobs: stopped following the run of " + name + " at " + at + goesOn);
        }
    }

    /** As long as the job's attempts may take: each its timeout, and up to an hour's backoff before a retry. */
    static Duration longest(Job job) {
        return Duration.ofSeconds(job.timeoutSeconds())
                .plus(Duration.ofHours(1))
                .multipliedBy(job.maxRetries() + 1L);
    }

    private static String ended(JobRun run) {
        if (run.active()) {
            return "";
        }
        String took = run.duration()
                .map(d -> String.format(java.util.Locale.ROOT, " in %.1f s", d.toMillis() / 1000.0))
                .orElse("");
        return took + (run.message().isEmpty() ? "" : ": " + run.message());
    }
}
