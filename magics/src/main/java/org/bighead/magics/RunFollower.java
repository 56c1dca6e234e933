package org.bighead.magics;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.bighead.registry.client.JobRun;
import org.bighead.registry.client.RegistryClient;

/**
 * {@code %bighead jobs NAME --run}: queues a run of a job now and follows it to its end, a line each time its status
 * changes, as {@code ./bighead jobs run NAME --wait} waits for it. The registry's scheduler runs it; a run still
 * queued after {@link #QUIET} gets one line saying why that may be.
 */
final class RunFollower {
    static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    private final RegistryClient client;
    private final Clock clock;
    private final PrintStream out;

    RunFollower(RegistryClient client, Clock clock, PrintStream out) {
        this.client = client;
        this.clock = clock;
        this.out = out;
    }

    /** Runs job {@code name} now and returns the run once it ended. */
    JobRun runNow(String name) {
        String at = client.runJob(name).path("logicalTime").asText();
        out.println(name + ": run at " + at + " queued");
        Instant queued = clock.instant();
        String status = "queued";
        boolean hinted = false;
        try {
            while (true) {
                Thread.sleep(POLL.toMillis());
                JobRun run = client.listJobRuns(name, 20).stream()
                        .filter(r -> r.logicalTime().equals(at))
                        .findFirst()
                        .orElse(null);
                if (run == null) {
                    continue;
                }
                if (!Objects.equals(run.status(), status)) {
                    status = run.status();
                    out.println(name + ": " + status + ended(run));
                }
                if (!run.active()) {
                    return run;
                }
                if (!hinted && status.equals("queued") && clock.instant().isAfter(queued.plus(QUIET))) {
                    hinted = true;
                    out.println(name + ": still queued after " + QUIET.toSeconds() + " s: the registry's scheduler"
                            + " starts runs (./bighead registry serve, unless started with --job-workers 0)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("%bighead jobs: stopped following the run of " + name + " at " + at
                    + "; it goes on in the registry (%bighead jobs " + name + ")");
        }
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
