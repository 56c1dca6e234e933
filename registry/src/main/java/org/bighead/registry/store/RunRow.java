package org.bighead.registry.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a job at one logical time: {@code status} queued, running, succeeded, failed or interrupted; the
 * attempt (1 for the first); {@code trigger} schedule or manual; the process that holds it while running
 * ({@code owner}); its outputs (rows, files, new version) as JSON, a message and the tail of its log; and, for a
 * failed or interrupted run that will be tried again, when ({@code retryAt}).
 */
public record RunRow(
        String job,
        String logicalTime,
        String status,
        int attempt,
        String trigger,
        String owner,
        String queuedAt,
        String startedAt,
        String endedAt,
        String retryAt,
        JsonNode outputs,
        String message,
        String logTail) {}
