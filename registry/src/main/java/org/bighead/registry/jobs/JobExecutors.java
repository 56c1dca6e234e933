package org.bighead.registry.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.bighead.registry.store.JobRow;

/** The executor of each job kind, chosen per run. */
public final class JobExecutors implements JobExecutor {
    private final Map<JobKind, JobExecutor> byKind;

    /** One executor per kind; every kind must have one. */
    public JobExecutors(Map<JobKind, JobExecutor> byKind) {
        this.byKind = new EnumMap<>(byKind);
        for (JobKind k : JobKind.values()) {
            if (!this.byKind.containsKey(k)) {
                throw new IllegalArgumentException("no executor for " + k.text() + " jobs");
            }
        }
    }

    @Override
    public RunResult run(JobRow job, Instant logicalTime, int attempt, Duration timeout, String token)
            throws InterruptedException {
        return byKind.get(JobKind.parse(job.kind())).run(job, logicalTime, attempt, timeout, token);
    }
}
