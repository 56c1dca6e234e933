package org.bighead.pipeline.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Task;

/** A trained XGBoost model: its JSON model file (kept byte for byte in the bundle) and a Java evaluator of it. */
public final class XGBoostModel extends ParamsModel<XGBoostModel.Params> {
    /** Registry name. */
    public static final String TYPE = "xgboost";

    static final String FILE = "model.json";
    static final String COMPILED = "trees.bin";

    /** The JSON parameters saved in the bundle (the trees live in {@value #FILE}). */
    public record Params(Task task, List<String> features, List<String> classes, Map<String, Object> settings)
            implements ParamsModel.Params {}

    private final byte[] modelJson;
    private final TreeEnsemble trees;

    XGBoostModel(Params params, byte[] modelJson) {
        this(params, modelJson, null);
    }

    /** With the compiled trees a bundle carries, loading skips parsing the JSON model. */
    private XGBoostModel(Params params, byte[] modelJson, byte[] compiled) {
        super(params);
        this.modelJson = modelJson;
        try {
            this.trees = compiled != null ? TreeEnsemble.fromBinary(compiled) : TreeEnsemble.fromJson(modelJson);
        } catch (IllegalArgumentException e) {
            throw new PipelineException("XGBoost model file cannot be evaluated: " + e.getMessage());
        }
        if (trees.numFeatures() > params.features().size()) {
            throw new PipelineException("XGBoost model expects " + trees.numFeatures() + " features, parameters list "
                    + params.features().size());
        }
    }

    /** Reads the model back from a bundle. */
    public static XGBoostModel read(JsonNode params, Map<String, byte[]> files, ObjectMapper json) throws IOException {
        byte[] model = files.get(FILE);
        if (model == null) {
            throw new PipelineException("xgboost stage lacks " + FILE);
        }
        return new XGBoostModel(json.treeToValue(params, Params.class), model, files.get(COMPILED));
    }

    /** The evaluator. */
    public TreeEnsemble trees() {
        return trees;
    }

    /** The XGBoost JSON model, as xgboost4j wrote it (loadable by any XGBoost). */
    public byte[] modelJson() {
        return modelJson.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void predict(double[] features, double[] out) {
        trees.predict(features, out);
        if (params.classes().size() == 2) {
            // the ensemble gives P(class 1); the pipeline wants one probability per class
            out[1] = out[0];
            out[0] = 1.0 - out[1];
        }
    }

    @Override
    public void predict(double[] features, int stride, int rows, double[] out) {
        trees.predict(features, stride, rows, out);
        if (params.classes().size() == 2) {
            // one P(class 1) a row to two probabilities a row; backwards, so no value is overwritten before use
            for (int r = rows - 1; r >= 0; r--) {
                double p = out[r];
                out[2 * r + 1] = p;
                out[2 * r] = 1.0 - p;
            }
        }
    }

    @Override
    public Map<String, Double> featureImportance() {
        return trees.importanceGain(params.features());
    }

    @Override
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(FILE, modelJson);
        files.put(COMPILED, trees.toBinary());
        return files;
    }

    @Override
    public String summary() {
        return trees.numTrees() + " trees, depth " + params.settings().get("max_depth") + ", "
                + features().size() + " features";
    }
}
