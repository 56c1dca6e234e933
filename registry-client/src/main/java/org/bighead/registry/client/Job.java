package org.bighead.registry.client;

/**
 * A scheduled job as the registry answers it ({@code GET /api/jobs}): its kind ({@code batch-score},
 * {@code retrain}, {@code evaluate}), the model reference it runs on, its schedule (cron or preset) in a time zone,
 * its kind's settings (null where the kind has none), catch-up policy, retries and timeout, whether it is paused,
 * its next run (null while paused or when the schedule has none) and its latest run (null before the first). Times
 * are ISO-8601 UTC instants as the registry writes them.
 */
public record Job(
        String name,
        String kind,
        String model,
        String schedule,
        String timeZone,
        String input,
        String output,
        String metric,
        String promoteTo,
        Double margin,
        Double threshold,
        String notebook,
        String catchUp,
        int maxRetries,
        int timeoutSeconds,
        boolean paused,
        String nextRun,
        String createdBy,
        String createdAt,
        JobRun lastRun) {

    /** The model's name without its version or alias ({@code listing-price} of {@code listing-price@champion}); null for a file. */
    public String modelName() {
        if (model == null || model.endsWith(".bighead")) {
            return null;
        }
        int cut = model.indexOf('@') >= 0 ? model.indexOf('@') : model.indexOf('/');
        return cut > 0 ? model.substring(0, cut) : model;
    }
}
