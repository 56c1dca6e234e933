package org.bighead.registry.jobs;

import java.time.Duration;
import java.time.Instant;
import org.bighead.registry.store.JobRow;

/** Runs one attempt of a job at a logical time, within a timeout; never throws for the job's own failure. */
@FunctionalInterface
public interface JobExecutor {
    /**
     * Runs attempt {@code attempt} (1 for the first) and says how it ended; {@code token} is the run's own registry
     * token for what it starts ({@link RunTokens}; null: none).
     */
    RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout, String token)
            throws InterruptedException;
}
