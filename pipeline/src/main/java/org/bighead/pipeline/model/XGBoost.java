package org.bighead.pipeline.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.Model;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.StepPlan;
import org.bighead.pipeline.Task;
import org.bighead.pipeline.TrainingSet;

/**
 * Gradient-boosted trees by xgboost4j: {@code XGBoost.regressor().rounds(200).maxDepth(6)}. Trains with the
 * native library; scores with {@link TreeEnsemble} in plain Java from the model's JSON, so serving needs no
 * native code and a row costs microseconds. Missing values (NaN) are handled by the trees.
 */
public final class XGBoost implements Model {
    private final Task task;
    private final Map<String, Object> params;
    private final int rounds;

    private XGBoost(Task task, Map<String, Object> params, int rounds) {
        this.task = task;
        this.params = params;
        this.rounds = rounds;
    }

    /** Squared-error regression trees. */
    public static XGBoost regressor() {
        return new XGBoost(Task.REGRESSION, defaults(), 100);
    }

    /** Logistic (two classes) or softmax (more) classification trees. */
    public static XGBoost classifier() {
        return new XGBoost(Task.CLASSIFICATION, defaults(), 100);
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("max_depth", 6);
        p.put("eta", 0.1);
        p.put("tree_method", "hist");
        p.put("seed", 42);
        return p;
    }

    /** Number of boosting rounds (trees per class). */
    public XGBoost rounds(int n) {
        if (n < 1) {
            throw new PipelineException("XGBoost rounds must be at least 1, got " + n);
        }
        return new XGBoost(task, params, n);
    }

    /** Maximum tree depth. */
    public XGBoost maxDepth(int depth) {
        return param("max_depth", depth);
    }

    /** Learning rate (eta). */
    public XGBoost learningRate(double eta) {
        return param("eta", eta);
    }

    /** Row subsampling per tree, in (0, 1]. */
    public XGBoost subsample(double fraction) {
        return param("subsample", fraction);
    }

    /** Column subsampling per tree, in (0, 1]. */
    public XGBoost colsampleByTree(double fraction) {
        return param("colsample_bytree", fraction);
    }

    /** Minimum sum of instance weight in a child. */
    public XGBoost minChildWeight(double weight) {
        return param("min_child_weight", weight);
    }

    /** L2 regularization on leaf weights. */
    public XGBoost lambda(double l2) {
        return param("lambda", l2);
    }

    /** Random seed. */
    public XGBoost seed(long seed) {
        return param("seed", seed);
    }

    /** Training threads (default: all cores). */
    public XGBoost threads(int n) {
        return param("nthread", n);
    }

    /** Any other XGBoost parameter by its native name. */
    public XGBoost param(String name, Object value) {
        if (name.equals("objective") || name.equals("num_class")) {
            throw new PipelineException("'" + name + "' follows from regressor()/classifier() and the target");
        }
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new XGBoost(task, p, rounds);
    }

    @Override
    public String name() {
        return "xgboost";
    }

    @Override
    public StepPlan plan() {
        StringBuilder settings = new StringBuilder(task == Task.REGRESSION ? "regressor" : "classifier");
        settings.append(" · ").append(rounds).append(" rounds");
        params.forEach((k, v) -> settings.append(" · ").append(k).append(' ').append(v));
        return StepPlan.model(settings.toString());
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public FittedModel train(TrainingSet data) {
        int k = data.classes().size();
        Map<String, Object> p = new LinkedHashMap<>(params);
        if (task == Task.REGRESSION) {
            p.put("objective", "reg:squarederror");
        } else if (k == 2) {
            p.put("objective", "binary:logistic");
        } else {
            p.put("objective", "multi:softprob");
            p.put("num_class", k);
        }
        float[] labels = new float[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = task == Task.REGRESSION ? (float) data.target()[i] : data.labels()[i];
        }
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = new DMatrix(data.rowMajorFloats(), data.rows(), data.width(), Float.NaN);
            matrix.setLabel(labels);
            booster = ml.dmlc.xgboost4j.java.XGBoost.train(matrix, p, 0, Map.of(), null, null);
            for (int round = 0; round < rounds; round++) {
                FitInterruptedException.throwIfInterrupted("XGBoost training", round, rounds, "rounds");
                booster.update(matrix, round);
                Map<String, Double> metrics =
                        parseEval(booster.evalSet(new DMatrix[] {matrix}, new String[] {"train"}, round));
                if (!data.listener().onStep(round + 1, rounds, metrics)) {
                    break;
                }
            }
            byte[] json = booster.toByteArray("json");
            Map<String, Object> settings = new LinkedHashMap<>(p);
            settings.put("rounds", rounds);
            return new XGBoostModel(new XGBoostModel.Params(task, data.features(), data.classes(), settings), json);
        } catch (XGBoostError e) {
            throw new PipelineException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) booster.dispose();
            if (matrix != null) matrix.dispose();
        }
    }

    /** "[3]\ttrain-rmse:1.25" to {"train-rmse": 1.25}. */
    static Map<String, Double> parseEval(String line) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int colon = part.lastIndexOf(':');
            if (colon > 0 && !part.startsWith("[")) {
                try {
                    out.put(part.substring(0, colon), Double.parseDouble(part.substring(colon + 1)));
                } catch (NumberFormatException ignored) {
                    // a metric xgboost printed in a form we do not know: skip it rather than fail training
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "XGBoost." + (task == Task.REGRESSION ? "regressor()" : "classifier()") + " rounds=" + rounds + " "
                + params;
    }

    List<String> paramNames() {
        return List.copyOf(params.keySet());
    }
}
