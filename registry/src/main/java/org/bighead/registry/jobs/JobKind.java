package org.bighead.registry.jobs;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What a job does. */
public enum JobKind {
    /** Scores a data set with a model into Parquet ({@code bighead batch-score}). */
    BATCH_SCORE("batch-score", Set.of("input", "output")),
    /** Re-runs the model's training recipe on fresh data; promotes the new version if it beats the alias's. */
    RETRAIN("retrain", Set.of("input", "metric", "better", "promoteTo", "margin", "notebook")),
    /** Measures a version on new labelled data; alerts when a metric degrades past a threshold. */
    EVALUATE("evaluate", Set.of("input", "metric", "better", "threshold", "webhook"));

    private final String text;

    @SuppressWarnings("ImmutableEnumChecker") // always a Set.of: unmodifiable
    private final Set<String> settings;

    JobKind(String text, Set<String> settings) {
        this.text = text;
        this.settings = settings;
    }

    /** The settings of this kind's own (beyond a job's name, model, schedule and run policy). */
    public Set<String> settings() {
        return settings;
    }

    /** Every kind's own settings, sorted: a job of one kind given another's is refused, never silently ignored. */
    public static java.util.SortedSet<String> allSettings() {
        return Arrays.stream(values())
                .flatMap(k -> k.settings.stream())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
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
