package org.bighead.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.viz.Charts;
import org.bighead.pipeline.viz.Displayable;
import org.bighead.pipeline.viz.Html;

/**
 * How well a model did on a data set. Regression: rmse, mae, r2. Classification: accuracy, precision, recall,
 * f1 (of the positive class, classes[1], when binary; macro averages otherwise), roc_auc, log_loss.
 */
public final class Metrics implements Displayable {
    private final Task task;
    private final Map<String, Double> values;
    private final double[] actual;
    private final double[] predicted;
    private final double[] positiveScores;
    private final boolean[] positives;

    private Metrics(
            Task task,
            Map<String, Double> values,
            double[] actual,
            double[] predicted,
            double[] positiveScores,
            boolean[] positives) {
        this.task = task;
        this.values = values;
        this.actual = actual;
        this.predicted = predicted;
        this.positiveScores = positiveScores;
        this.positives = positives;
    }

    /** Regression metrics of predictions against actual values. */
    public static Metrics regression(double[] actual, double[] predicted) {
        int n = actual.length;
        double sumSq = 0;
        double sumAbs = 0;
        double mean = 0;
        for (double a : actual) mean += a;
        mean /= n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - actual[i];
            sumSq += e * e;
            sumAbs += Math.abs(e);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("rmse", Math.sqrt(sumSq / n));
        v.put("mae", sumAbs / n);
        // a constant target: perfect predictions score 1, anything else 0 (as scikit-learn reports it)
        v.put("r2", total == 0 ? (sumSq == 0 ? 1.0 : 0.0) : 1 - sumSq / total);
        return new Metrics(Task.REGRESSION, v, actual, predicted, null, null);
    }

    /** Classification metrics of class probabilities ({@code probabilities[k][i]}) against true labels. */
    public static Metrics classification(int[] labels, double[][] probabilities, List<String> classes) {
        int n = labels.length;
        int k = classes.size();
        int[] predictedLabel = new int[n];
        double logLoss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (probabilities[c][i] > probabilities[best][i]) best = c;
            }
            predictedLabel[i] = best;
            if (best == labels[i]) correct++;
            double p = Math.min(Math.max(probabilities[labels[i]][i], 1e-15), 1 - 1e-15);
            logLoss -= Math.log(p);
        }
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("accuracy", (double) correct / n);
        double[] prf;
        double auc;
        if (k == 2) {
            prf = precisionRecallF1(labels, predictedLabel, 1);
            auc = rocAuc(probabilities[1], positives(labels, 1));
        } else {
            prf = new double[3];
            auc = 0;
            for (int c = 0; c < k; c++) {
                double[] one = precisionRecallF1(labels, predictedLabel, c);
                for (int j = 0; j < 3; j++) prf[j] += one[j] / k;
                auc += rocAuc(probabilities[c], positives(labels, c)) / k;
            }
        }
        v.put("precision", prf[0]);
        v.put("recall", prf[1]);
        v.put("f1", prf[2]);
        v.put("roc_auc", auc);
        v.put("log_loss", logLoss / n);
        double[] scores = k == 2 ? probabilities[1] : null;
        return new Metrics(Task.CLASSIFICATION, v, null, null, scores, k == 2 ? positives(labels, 1) : null);
    }

    private static boolean[] positives(int[] labels, int positive) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) out[i] = labels[i] == positive;
        return out;
    }

    private static double[] precisionRecallF1(int[] labels, int[] predicted, int positive) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean actual = labels[i] == positive;
            boolean guess = predicted[i] == positive;
            if (actual && guess) tp++;
            else if (guess) fp++;
            else if (actual) fn++;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new double[] {precision, recall, f1};
    }

    /** Area under the ROC curve: the chance a random positive scores above a random negative (ties count half). */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) j++;
            double averageRank = (i + 1 + j) / 2.0;
            for (int t = i; t < j; t++) {
                if (positive[order[t]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Regression or classification. */
    public Task task() {
        return task;
    }

    /** Metric name to value, in a stable order. */
    public Map<String, Double> values() {
        return new LinkedHashMap<>(values);
    }

    /** One metric by name, e.g. {@code get("rmse")}. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new PipelineException("no metric '" + name + "'; available: " + values.keySet());
        }
        return v;
    }

    /** The metrics as a small HTML table. */
    public String toHtml() {
        return Html.keyValues(task == Task.REGRESSION ? "Regression metrics" : "Classification metrics", values);
    }

    /**
     * One Vega-Lite view holding the metrics table above the predicted-vs-actual plot (regression) or the ROC
     * curve (binary classification). One view, because JupyterLab shows a single MIME type per output and ranks
     * HTML above Vega-Lite: a bundle with both would never show the chart.
     */
    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        ObjectNode chart = actual != null
                ? Charts.predictedVsActual(actual, predicted)
                : positiveScores != null ? Charts.rocCurve(positiveScores, positives) : null;
        if (chart == null) {
            bundle.put("text/html", toHtml());
        } else {
            ObjectNode view = JsonNodeFactory.instance.objectNode();
            view.set("$schema", chart.remove("$schema"));
            ArrayNode parts = view.putArray("vconcat");
            parts.add(tableSpec());
            parts.add(chart);
            bundle.put("application/vnd.vegalite.v5+json", view);
        }
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** The metric values as text marks: a table Vega-Lite can draw. */
    private ObjectNode tableSpec() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.putObject("title")
                .put("text", task == Task.REGRESSION ? "Regression metrics" : "Classification metrics")
                .put("anchor", "start");
        ArrayNode rows = spec.putObject("data").putArray("values");
        values.forEach((name, v) -> rows.addObject()
                .put("metric", name)
                .put("value", Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4g", v) : "n/a"));
        spec.putObject("mark").put("type", "text").put("align", "left").put("fontSize", 13);
        ObjectNode encoding = spec.putObject("encoding");
        ObjectNode y = encoding.putObject("y")
                .put("field", "metric")
                .put("type", "nominal")
                .putNull("sort");
        y.putObject("axis")
                .putNull("title")
                .put("domain", false)
                .put("ticks", false)
                .put("labelFontSize", 13);
        encoding.putObject("text").put("field", "value").put("type", "nominal");
        spec.put("width", 120);
        return spec;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Metrics{");
        values.forEach((name, v) -> s.append(s.length() > 8 ? ", " : "")
                .append(name)
                .append('=')
                .append(String.format(java.util.Locale.ROOT, "%.4f", v)));
        return s.append('}').toString();
    }
}
