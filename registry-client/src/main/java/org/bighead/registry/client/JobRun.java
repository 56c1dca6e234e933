package org.bighead.registry.client;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a job at one logical time ({@code GET /api/jobs/{name}/runs}): its status ({@code queued},
 * {@code running}, {@code succeeded}, {@code failed}, {@code interrupted}), attempt (1 for the first), trigger
 * ({@code schedule} or {@code manual}), when it was queued, started, ended and will be retried (null: never), what
 * it produced ({@code outputs}: {@code rows}, {@code files}, and from retraining {@code newVersion},
 * {@code promoted}, {@code reason}, {@code metrics}), a message and the tail of its log.
 */
public record JobRun(
        String job,
        String logicalTime,
        String status,
        int attempt,
        String trigger,
        String queuedAt,
        String startedAt,
        String endedAt,
        String retryAt,
        Map<String, Object> outputs,
        String message,
        String logTail) {
    public JobRun {
        outputs = outputs == null ? Map.of() : outputs;
        message = message == null ? "" : message;
        logTail = logTail == null ? "" : logTail;
    }

    /** Whether it is still to run or running. */
    public boolean active() {
        return "queued".equals(status) || "running".equals(status);
    }

    /** From start to end; empty until it has both (or when either is not a time). */
    public Optional<Duration> duration() {
        if (startedAt == null || endedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.between(Instant.parse(startedAt), Instant.parse(endedAt)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The rows it scored, if it says. */
    public Optional<Long> rows() {
        return outputs.get("rows") instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** The files it wrote (none when it says nothing). */
    public List<String> files() {
        return outputs.get("files") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    /** The model version it registered (a retrain), if any. */
    public Optional<Integer> newVersion() {
        return outputs.get("newVersion") instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }
}
