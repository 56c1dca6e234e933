package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A scheduled job: its kind (batch-score, retrain, evaluate), the model reference it runs on, its schedule (cron or
 * preset) in a time zone, its kind's settings ({@code spec}: input, output, metric, promoteTo, margin…), its
 * catch-up policy, retries and run timeout, whether it is paused, and its next scheduled time (null when none).
 */
public record JobRow(
        String name,
        String kind,
        String modelRef,
        String schedule,
        String timeZone,
        JsonNode spec,
        String catchUp,
        int maxRetries,
        int timeoutSeconds,
        boolean paused,
        String createdBy,
        String createdAt,
        String nextTime) {}
