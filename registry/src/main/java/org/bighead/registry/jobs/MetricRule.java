package org.bighead.registry.jobs;

import java.util.Locale;
import java.util.Set;

/**
 * How retrain and evaluate jobs judge a metric (pure). A metric is named as the version recorded it ({@code
 * test.mae}: data set, then metric); errors and losses are better lower, everything else (r2, accuracy, roc_auc,
 * f1, …) higher, unless the job says which way is better ({@code --better lower|higher}: a metric of your own).
 */
public final class MetricRule {
    private static final Set<String> LOWER_IS_BETTER =
            Set.of("mae", "mse", "rmse", "log_loss", "logloss", "loss", "error", "mape");
    /** Which way a metric improves, as a job says it ({@code --better lower|higher}). */
    public enum Better {
        LOWER,
        HIGHER;

        /** The direction {@code word} names, or an IllegalArgumentException saying what is valid. */
        public static Better parse(String word) {
            for (Better b : values()) {
                if (b.word().equals(word)) {
                    return b;
                }
            }
            throw new IllegalArgumentException(
                    "better must be lower or higher (which way the metric improves), not '" + word + "'");
        }

        /** "lower" or "higher". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a retrain run decided: whether the alias moves, and why, in words. */
    public record Decision(boolean promote, String reason) {}

    /** What an evaluation found: whether it is an alert, and the line that says so. */
    public record Check(boolean alert, String line) {}

    private final String metric;
    private final boolean lowerIsBetter;

    private MetricRule(String metric, boolean lowerIsBetter) {
        this.metric = metric;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The rule for {@code metric}, its direction told by its name. */
    public static MetricRule of(String metric) {
        return new MetricRule(metric, LOWER_IS_BETTER.contains(baseName(metric).toLowerCase(Locale.ROOT)));
    }

    /**
     * The rule for {@code metric} with the direction a job gave ({@link Better#word()}), or told by its name when
     * {@code better} is null.
     */
    public static MetricRule of(String metric, String better) {
        return better == null ? of(metric) : new MetricRule(metric, Better.parse(better) == Better.LOWER);
    }

    /** The metric's own name: {@code mae} for {@code test.mae}. */
    public static String baseName(String metric) {
        return metric.substring(metric.lastIndexOf('.') + 1);
    }

    /** Whether a smaller value of the metric is better. */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** How much better {@code value} is than {@code reference} (positive: better), in the metric's direction. */
    public double improvement(double value, double reference) {
        return lowerIsBetter ? reference - value : value - reference;
    }

    /**
     * Whether the candidate version beats the incumbent (the alias's version; null when the alias points nowhere)
     * on {@code metric} by at least {@code margin}.
     */
    public Decision decide(
            int candidate,
            Double candidateValue,
            Integer incumbent,
            Double incumbentValue,
            double margin,
            String alias) {
        if (candidateValue == null) {
            return new Decision(false, "v" + candidate + " recorded no " + metric + "; " + alias + " stays");
        }
        if (incumbent == null) {
            return new Decision(
                    true,
                    alias + " pointed at no version; v" + candidate + " has " + metric + " " + fmt(candidateValue));
        }
        if (incumbent == candidate) {
            return new Decision(true, alias + " already points at v" + candidate);
        }
        if (incumbentValue == null) {
            return new Decision(
                    true,
                    "v" + incumbent + " (" + alias + ") recorded no " + metric + "; v" + candidate + " has "
                            + fmt(candidateValue));
        }
        double gain = improvement(candidateValue, incumbentValue);
        String comparison = metric + " " + fmt(candidateValue) + " vs " + fmt(incumbentValue) + " for v" + incumbent
                + " (" + alias + ", " + (lowerIsBetter ? "lower" : "higher") + " is better, margin "
                + fmt(margin) + ")";
        return gain >= margin && gain > 0
                ? new Decision(true, "v" + candidate + " beats v" + incumbent + ": " + comparison)
                : new Decision(
                        false, "v" + candidate + " does not beat v" + incumbent + " by the margin: " + comparison);
    }

    /**
     * Whether {@code value}, measured on new data, is worse than {@code recorded} (the version's own value) by more
     * than {@code threshold}.
     */
    public Check degradation(String model, int version, double value, Double recorded, double threshold) {
        if (recorded == null) {
            return new Check(
                    false,
                    model + " v" + version + ": " + baseName(metric) + " " + fmt(value) + " (v" + version
                            + " recorded no " + metric + " to compare with)");
        }
        double worse = -improvement(value, recorded);
        String line = model + " v" + version + ": " + baseName(metric) + " " + fmt(value) + " on new data vs "
                + fmt(recorded) + " recorded (" + metric + ")";
        return worse > threshold
                ? new Check(true, "ALERT " + line + ", worse by " + fmt(worse) + " > threshold " + fmt(threshold))
                : new Check(false, line + ", within threshold " + fmt(threshold));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
