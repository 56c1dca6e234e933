package org.bighead.registry.jobs;

import java.util.Locale;
import java.util.Set;

/**
 * How retrain and evaluate jobs judge a metric (pure). A metric is named as the version recorded it ({@code
 * test.mae}: data set, then metric); errors and losses are better lower, everything else (r2, accuracy, roc_auc,
 * f1, …) higher.
 */
public final class MetricRule {
    private static final Set<String> LOWER_IS_BETTER =
            Set.of("mae", "mse", "rmse", "log_loss", "logloss", "loss", "error", "mape");

    /** What a retrain run decided: whether the alias moves, and why, in words. */
    public record Decision(boolean promote, String reason) {}

    /** What an evaluation found: whether it is an alert, and the line that says so. */
    public record Check(boolean alert, String line) {}

    private MetricRule() {}

    /** The metric's own name: {@code mae} for {@code test.mae}. */
    public static String baseName(String metric) {
        return metric.substring(metric.lastIndexOf('.') + 1);
    }

    /** Whether a smaller value of {@code metric} is better. */
    public static boolean lowerIsBetter(String metric) {
        return LOWER_IS_BETTER.contains(baseName(metric).toLowerCase(Locale.ROOT));
    }

    /** How much better {@code value} is than {@code reference} (positive: better), in the metric's direction. */
    public static double improvement(String metric, double value, double reference) {
        return lowerIsBetter(metric) ? reference - value : value - reference;
    }

    /**
     * Whether the candidate version beats the incumbent (the alias's version; null when the alias points nowhere)
     * on {@code metric} by at least {@code margin}.
     */
    public static Decision decide(
            String metric,
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
        double gain = improvement(metric, candidateValue, incumbentValue);
        String comparison = metric + " " + fmt(candidateValue) + " vs " + fmt(incumbentValue) + " for v" + incumbent
                + " (" + alias + ", " + (lowerIsBetter(metric) ? "lower" : "higher") + " is better, margin "
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
    public static Check degradation(
            String metric, String model, int version, double value, Double recorded, double threshold) {
        if (recorded == null) {
            return new Check(
                    false,
                    model + " v" + version + ": " + baseName(metric) + " " + fmt(value) + " (v" + version
                            + " recorded no " + metric + " to compare with)");
        }
        double worse = -improvement(metric, value, recorded);
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
