package org.bighead.pipeline.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Vega-Lite v5 chart builders for model evaluation. Each returns a complete spec (an {@link
 * ObjectNode} with {@code $schema}, a title and inline data) ready to be put in a MIME bundle under
 * {@link Displayable#VEGA_LITE}, e.g. with {@link #display(ObjectNode)}. Non-finite inputs are
 * skipped; no NaN or infinity ever reaches the JSON.
 */
public final class Charts {

    /** The Vega-Lite v5 schema URL. */
    public static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
    /** Scatter charts show at most this many points (a deterministic, evenly spaced sample). */
    public static final int MAX_POINTS = 5000;
    /** ROC curves are drawn with at most this many vertices (the AUC uses all of them). */
    public static final int MAX_CURVE_POINTS = 2000;

    private static final String POINT_COLOR = "#4c78a8";
    private static final String GUIDE_COLOR = "#9a9a9a";

    private Charts() {}

    /**
     * Scatter of predicted against actual values with the y = x diagonal; the subtitle has n, RMSE,
     * MAE and R² over all finite pairs. At most {@link #MAX_POINTS} points are drawn.
     */
    public static ObjectNode predictedVsActual(double[] actual, double[] predicted) {
        int[] valid = finitePairs(actual, predicted);
        int n = valid.length;
        double sse = 0;
        double sae = 0;
        double sumA = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : valid) {
            double r = actual[i] - predicted[i];
            sse += r * r;
            sae += Math.abs(r);
            sumA += actual[i];
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        double meanA = n == 0 ? 0 : sumA / n;
        double sst = 0;
        for (int i : valid) {
            sst += (actual[i] - meanA) * (actual[i] - meanA);
        }
        int[] shown = sample(valid);
        StringBuilder sub = new StringBuilder("n = ").append(n);
        if (n > 0) {
            sub.append(" \u00b7 RMSE ")
                    .append(Html.formatNumber(Math.sqrt(sse / n), 4))
                    .append(" \u00b7 MAE ")
                    .append(Html.formatNumber(sae / n, 4));
            if (sst > 0) {
                sub.append(" \u00b7 R\u00b2 ").append(Html.formatNumber(1 - sse / sst, 4));
            }
        }
        appendSampled(sub, shown.length, n);
        ObjectNode spec = spec("Predicted vs actual", sub.toString());
        spec.put("width", 360);
        spec.put("height", 360);
        if (n == 0) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        ArrayNode layers = spec.putArray("layer");
        ObjectNode points = layers.addObject();
        ArrayNode values = points.putObject("data").putArray("values");
        for (int i : shown) {
            ObjectNode row = values.addObject();
            row.put("actual", actual[i]);
            row.put("predicted", predicted[i]);
        }
        points.set("mark", pointMark(shown.length));
        ObjectNode enc = points.putObject("encoding");
        axis(enc, "x", "actual", "actual", lo, hi);
        axis(enc, "y", "predicted", "predicted", lo, hi);
        tooltip(enc, "actual", "predicted");
        ObjectNode diag = layers.addObject();
        ObjectNode d = diag.putObject("data").putArray("values").addObject();
        putNumber(d, "x", lo);
        putNumber(d, "y", lo);
        putNumber(d, "x2", hi);
        putNumber(d, "y2", hi);
        diag.set("mark", ruleMark());
        ObjectNode de = diag.putObject("encoding");
        de.putObject("x").put("field", "x").put("type", "quantitative");
        de.putObject("y").put("field", "y").put("type", "quantitative");
        de.putObject("x2").put("field", "x2");
        de.putObject("y2").put("field", "y2");
        return spec;
    }

    /**
     * Residuals (actual − predicted) against predicted values, with a zero line; the subtitle has
     * the residuals' mean and standard deviation. At most {@link #MAX_POINTS} points are drawn.
     */
    public static ObjectNode residuals(double[] actual, double[] predicted) {
        int[] valid = finitePairs(actual, predicted);
        int n = valid.length;
        double sum = 0;
        for (int i : valid) {
            sum += actual[i] - predicted[i];
        }
        double mean = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (int i : valid) {
            double r = actual[i] - predicted[i] - mean;
            ss += r * r;
        }
        int[] shown = sample(valid);
        StringBuilder sub = new StringBuilder("residual = actual \u2212 predicted \u00b7 n = ").append(n);
        if (n > 0) {
            sub.append(" \u00b7 mean ").append(Html.formatNumber(mean, 4));
        }
        if (n > 1) {
            sub.append(" \u00b7 std ").append(Html.formatNumber(Math.sqrt(ss / (n - 1)), 4));
        }
        appendSampled(sub, shown.length, n);
        ObjectNode spec = spec("Residuals", sub.toString());
        spec.put("width", 420);
        spec.put("height", 260);
        ArrayNode layers = spec.putArray("layer");
        ObjectNode points = layers.addObject();
        ArrayNode values = points.putObject("data").putArray("values");
        for (int i : shown) {
            ObjectNode row = values.addObject();
            row.put("predicted", predicted[i]);
            putNumber(row, "residual", actual[i] - predicted[i]);
        }
        points.set("mark", pointMark(shown.length));
        ObjectNode enc = points.putObject("encoding");
        enc.putObject("x")
                .put("field", "predicted")
                .put("type", "quantitative")
                .put("title", "predicted")
                .putObject("scale")
                .put("zero", false);
        enc.putObject("y").put("field", "residual").put("type", "quantitative").put("title", "residual");
        tooltip(enc, "predicted", "residual");
        ObjectNode zero = layers.addObject();
        zero.putObject("data").putArray("values").addObject().put("y", 0);
        zero.set("mark", ruleMark());
        zero.putObject("encoding").putObject("y").put("field", "y").put("type", "quantitative");
        return spec;
    }

    /**
     * ROC curve of {@code scores} (higher means more likely positive) against the true labels, with
     * the chance diagonal. Tied scores form one diagonal step, so the AUC (trapezoidal, shown in the
     * title and stored as {@code usermeta.auc}) equals the Mann-Whitney statistic with ties counted
     * half. NaN scores are skipped.
     *
     * @throws IllegalArgumentException when the lengths differ or there is not at least one
     *     positive and one negative
     */
    public static ObjectNode rocCurve(double[] scores, boolean[] positives) {
        if (scores == null || positives == null || scores.length != positives.length) {
            throw new IllegalArgumentException("scores and positives must have the same length");
        }
        List<Integer> idx = new ArrayList<>(scores.length);
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                idx.add(i);
                if (positives[i]) {
                    pos++;
                } else {
                    neg++;
                }
            }
        }
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException(
                    "an ROC curve needs positives and negatives; got " + pos + " and " + neg);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed().thenComparingInt(i -> i));
        List<double[]> curve = new ArrayList<>(); // {fpr, tpr, threshold}
        curve.add(new double[] {0, 0, Double.NaN});
        long tp = 0;
        long fp = 0;
        double auc = 0;
        int k = 0;
        while (k < idx.size()) {
            double s = scores[idx.get(k)];
            long prevTp = tp;
            long prevFp = fp;
            while (k < idx.size() && scores[idx.get(k)] == s) {
                if (positives[idx.get(k)]) {
                    tp++;
                } else {
                    fp++;
                }
                k++;
            }
            auc += (double) (fp - prevFp) / neg * ((double) (tp + prevTp) / pos) / 2;
            curve.add(new double[] {(double) fp / neg, (double) tp / pos, s});
        }
        String aucText = String.format(Locale.ROOT, "%.4f", auc);
        ObjectNode spec = spec(
                "ROC curve (AUC = " + aucText + ")",
                "n = " + (pos + neg) + " \u00b7 " + pos + " positive \u00b7 " + neg + " negative");
        spec.putObject("usermeta").put("auc", auc);
        spec.put("width", 320);
        spec.put("height", 320);
        ArrayNode layers = spec.putArray("layer");
        ObjectNode diag = layers.addObject();
        diag.putObject("data")
                .putArray("values")
                .addObject()
                .put("x", 0)
                .put("y", 0)
                .put("x2", 1)
                .put("y2", 1);
        diag.set("mark", ruleMark());
        ObjectNode de = diag.putObject("encoding");
        de.putObject("x").put("field", "x").put("type", "quantitative");
        de.putObject("y").put("field", "y").put("type", "quantitative");
        de.putObject("x2").put("field", "x2");
        de.putObject("y2").put("field", "y2");
        ObjectNode line = layers.addObject();
        ArrayNode values = line.putObject("data").putArray("values");
        int stride = (int) Math.ceil((double) curve.size() / MAX_CURVE_POINTS);
        for (int i = 0; i < curve.size(); i++) {
            if (i % stride != 0 && i != curve.size() - 1) {
                continue;
            }
            double[] p = curve.get(i);
            ObjectNode row = values.addObject();
            row.put("fpr", p[0]);
            row.put("tpr", p[1]);
            putNumber(row, "threshold", p[2]);
        }
        ObjectNode mark = line.putObject("mark");
        mark.put("type", "line");
        mark.put("color", POINT_COLOR);
        mark.put("strokeWidth", 2);
        mark.put("interpolate", "linear");
        ObjectNode enc = line.putObject("encoding");
        unitAxis(enc, "x", "fpr", "false positive rate");
        unitAxis(enc, "y", "tpr", "true positive rate");
        enc.putObject("order").put("field", "fpr").put("type", "quantitative");
        ArrayNode tip = enc.putArray("tooltip");
        tip.addObject().put("field", "threshold").put("type", "quantitative").put("format", ".4~g");
        tip.addObject().put("field", "fpr").put("type", "quantitative").put("format", ".3f");
        tip.addObject().put("field", "tpr").put("type", "quantitative").put("format", ".3f");
        return spec;
    }

    /**
     * Horizontal bars of the {@code top} most important features, largest first (ties by name).
     * Null and non-finite importances are skipped.
     */
    public static ObjectNode featureImportance(Map<String, Double> importance, int top) {
        if (top <= 0) {
            throw new IllegalArgumentException("top must be positive, was " + top);
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>();
        if (importance != null) {
            for (Map.Entry<String, Double> e : importance.entrySet()) {
                if (e.getKey() != null && e.getValue() != null && Double.isFinite(e.getValue())) {
                    entries.add(e);
                }
            }
        }
        entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Double>> kept = entries.subList(0, Math.min(top, entries.size()));
        ObjectNode spec = spec("Feature importance", "top " + kept.size() + " of " + entries.size() + " features");
        spec.put("width", 360);
        spec.put("height", Math.max(40, 18 * kept.size()));
        ArrayNode values = spec.putObject("data").putArray("values");
        int rank = 1;
        for (Map.Entry<String, Double> e : kept) {
            values.addObject()
                    .put("feature", e.getKey())
                    .put("importance", e.getValue())
                    .put("rank", rank++);
        }
        ObjectNode mark = spec.putObject("mark");
        mark.put("type", "bar");
        mark.put("color", POINT_COLOR);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode y = enc.putObject("y");
        y.put("field", "feature");
        y.put("type", "nominal");
        y.putNull("sort"); // data order, which is the ranking
        y.putNull("title");
        y.putObject("axis").put("labelLimit", 220);
        enc.putObject("x")
                .put("field", "importance")
                .put("type", "quantitative")
                .put("title", "importance");
        ArrayNode tip = enc.putArray("tooltip");
        tip.addObject().put("field", "rank").put("type", "ordinal");
        tip.addObject().put("field", "feature").put("type", "nominal");
        tip.addObject().put("field", "importance").put("type", "quantitative").put("format", ".4~g");
        return spec;
    }

    /**
     * One line per series (e.g. train and valid loss) against the training step; series are colored
     * in the map's order, values past the end of {@code steps} and non-finite values are skipped.
     * The subtitle gives each series' minimum and where it was reached.
     */
    public static ObjectNode trainingCurve(List<Integer> steps, Map<String, List<Double>> series) {
        if (steps == null || series == null) {
            throw new IllegalArgumentException("steps and series must not be null");
        }
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        List<String> names = new ArrayList<>();
        List<String> minima = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            String name = String.valueOf(e.getKey());
            names.add(name);
            List<Double> ys = e.getValue() == null ? List.of() : e.getValue();
            double best = Double.POSITIVE_INFINITY;
            Integer bestStep = null;
            for (int i = 0; i < Math.min(steps.size(), ys.size()); i++) {
                Double v = ys.get(i);
                Integer step = steps.get(i);
                if (v == null || step == null || !Double.isFinite(v)) {
                    continue;
                }
                values.addObject().put("step", step).put("series", name).put("value", v);
                if (v < best) {
                    best = v;
                    bestStep = step;
                }
            }
            if (bestStep != null) {
                minima.add(name + " " + Html.formatNumber(best, 4) + " @ " + bestStep);
            }
        }
        String subtitle = minima.isEmpty()
                ? "no values"
                : "min: " + String.join(" \u00b7 ", minima.subList(0, Math.min(4, minima.size())));
        ObjectNode spec = spec("Training curve", subtitle);
        spec.put("width", 420);
        spec.put("height", 260);
        spec.putObject("data").set("values", values);
        ObjectNode mark = spec.putObject("mark");
        mark.put("type", "line");
        mark.put("point", steps.size() <= 60);
        mark.put("strokeWidth", 2);
        ObjectNode enc = spec.putObject("encoding");
        enc.putObject("x").put("field", "step").put("type", "quantitative").put("title", "step");
        enc.putObject("y")
                .put("field", "value")
                .put("type", "quantitative")
                .put("title", "value")
                .putObject("scale")
                .put("zero", false);
        ObjectNode color = enc.putObject("color");
        color.put("field", "series");
        color.put("type", "nominal");
        color.putNull("title");
        ArrayNode domain = color.putObject("scale").putArray("domain");
        names.forEach(domain::add);
        ArrayNode tip = enc.putArray("tooltip");
        tip.addObject().put("field", "series").put("type", "nominal");
        tip.addObject().put("field", "step").put("type", "quantitative");
        tip.addObject().put("field", "value").put("type", "quantitative").put("format", ".4~g");
        return spec;
    }

    /** Wraps a Vega-Lite spec as a {@link Displayable}; its text/plain is the spec's title. */
    public static Displayable display(ObjectNode spec) {
        JsonNode title = spec.path("title");
        String text = title.isTextual() ? title.asText() : title.path("text").asText("chart");
        String sub = title.path("subtitle").asText("");
        String plain = "<" + text + (sub.isEmpty() ? "" : " \u2014 " + sub) + ">";
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(Displayable.VEGA_LITE, spec);
        bundle.put(Displayable.TEXT_PLAIN, plain);
        Map<String, Object> unmodifiable = Collections.unmodifiableMap(bundle);
        return () -> unmodifiable;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers

    /** A new spec with {@code $schema} and a title (and subtitle, when not empty). */
    static ObjectNode spec(String title, String subtitle) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("$schema", SCHEMA);
        ObjectNode t = spec.putObject("title");
        t.put("text", title);
        if (subtitle != null && !subtitle.isEmpty()) {
            t.put("subtitle", subtitle);
        }
        t.put("anchor", "start");
        return spec;
    }

    /** Puts {@code v}, or null when it is NaN or infinite (JSON has no such numbers). */
    static void putNumber(ObjectNode node, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            node.putNull(field);
        } else {
            node.put(field, v.doubleValue());
        }
    }

    private static int[] finitePairs(double[] actual, double[] predicted) {
        if (actual == null || predicted == null || actual.length != predicted.length) {
            throw new IllegalArgumentException("actual and predicted must have the same length");
        }
        int[] idx = new int[actual.length];
        int k = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Double.isFinite(actual[i])
                    && Double.isFinite(predicted[i])
                    && Double.isFinite(actual[i] - predicted[i])) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    /** At most {@link #MAX_POINTS} evenly spaced entries of {@code idx}, first one included. */
    static int[] sample(int[] idx) {
        if (idx.length <= MAX_POINTS) {
            return idx;
        }
        int[] out = new int[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            out[i] = idx[(int) ((long) i * idx.length / MAX_POINTS)];
        }
        return out;
    }

    private static void appendSampled(StringBuilder sub, int shown, int n) {
        if (shown < n) {
            sub.append(" \u00b7 ").append(shown).append(" points shown");
        }
    }

    private static ObjectNode pointMark(int points) {
        ObjectNode mark = JsonNodeFactory.instance.objectNode();
        mark.put("type", "point");
        mark.put("filled", true);
        mark.put("color", POINT_COLOR);
        mark.put("size", points > 1000 ? 10 : 24);
        mark.put("opacity", points > 1000 ? 0.35 : 0.6);
        return mark;
    }

    private static ObjectNode ruleMark() {
        ObjectNode mark = JsonNodeFactory.instance.objectNode();
        mark.put("type", "rule");
        mark.put("color", GUIDE_COLOR);
        mark.putArray("strokeDash").add(4).add(4);
        return mark;
    }

    private static void axis(ObjectNode enc, String channel, String field, String title, double lo, double hi) {
        ObjectNode a = enc.putObject(channel);
        a.put("field", field);
        a.put("type", "quantitative");
        a.put("title", title);
        ObjectNode scale = a.putObject("scale");
        ArrayNode domain = scale.putArray("domain");
        domain.add(lo);
        domain.add(hi);
        scale.put("nice", false);
    }

    private static void unitAxis(ObjectNode enc, String channel, String field, String title) {
        ObjectNode a = enc.putObject(channel);
        a.put("field", field);
        a.put("type", "quantitative");
        a.put("title", title);
        a.putObject("scale").putArray("domain").add(0).add(1);
    }

    private static void tooltip(ObjectNode enc, String a, String b) {
        ArrayNode tip = enc.putArray("tooltip");
        tip.addObject().put("field", a).put("type", "quantitative").put("format", ".4~g");
        tip.addObject().put("field", b).put("type", "quantitative").put("format", ".4~g");
    }
}
