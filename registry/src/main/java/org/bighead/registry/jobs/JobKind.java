package org.bighead.registry.jobs;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a job does. */
public enum JobKind {
    /** Scores a data set with a model into Parquet ({@code bighead batch-score}). */
    BATCH_SCORE("batch-score"),
    /** Re-runs the model's training recipe on fresh data; promotes the new version if it beats the alias's. */
    RETRAIN("retrain"),
    /** Measures a version on new labelled data; alerts when a metric degrades past a threshold. */
    EVALUATE("evaluate");

    private final String text;

    JobKind(String text) {
        this.text = text;
    }

    /** The name as the API and CLI spell it. */
    public String text() {
        return text;
    }

    /** The kind named {@code text}, or an IllegalArgumentException listing the kinds. */
    public static JobKind parse(String text) {
        for (JobKind k : values()) {
            if (k.text.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("job kind '" + text + "' is not one of "
                + Arrays.stream(values()).map(JobKind::text).collect(Collectors.joining(", ")));
    }
}
