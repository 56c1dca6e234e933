package org.bighead.pipeline.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.bighead.pipeline.FittedModel;
import org.bighead.pipeline.PipelineException;
import org.bighead.pipeline.Task;

/**
 * A trained MLP: architecture and input statistics as JSON, DJL's own parameter file beside it (so the DJL
 * block can be rebuilt with {@link MlpTrainer#buildBlock}), and a plain-Java forward pass for scoring.
 */
public final class MlpModel extends ParamsModel<MlpModel.Params> {
    /** Registry name. */
    public static final String TYPE = "mlp";

    static final String FILE = "parameters.djl";

    /** The JSON parameters saved in the bundle. */
    public record Params(
            Task task, List<String> features, List<String> classes, MlpSpec spec, double[] mean, double[] std)
            implements ParamsModel.Params {}

    private final byte[] djlParameters;
    private final MlpForward forward;
    private final double[] scratch;

    MlpModel(Params params, byte[] djlParameters, MlpForward forward) {
        super(params);
        this.djlParameters = djlParameters;
        this.forward = forward;
        this.scratch = new double[params.features().size()];
    }

    /** Reads the model back from a bundle without starting PyTorch. */
    public static MlpModel read(JsonNode node, Map<String, byte[]> files, ObjectMapper json) throws IOException {
        byte[] bytes = files.get(FILE);
        if (bytes == null) {
            throw new PipelineException("mlp stage lacks " + FILE);
        }
        Params params = json.treeToValue(node, Params.class);
        return new MlpModel(params, bytes, MlpForward.fromDjlParameters(params.spec(), bytes));
    }

    /** DJL's parameter file, for {@code block.loadParameters}. */
    public byte[] djlParameters() {
        return djlParameters.clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void predict(double[] features, double[] out) {
        double[] mean = params.mean();
        double[] std = params.std();
        for (int j = 0; j < scratch.length; j++) {
            scratch[j] = (features[j] - mean[j]) / std[j];
        }
        forward.forward(scratch, out);
    }

    @Override
    public FittedModel copyForThread() {
        return new MlpModel(params, djlParameters, forward.copy());
    }

    @Override
    public Map<String, byte[]> files() {
        return Map.of(FILE, djlParameters);
    }

    @Override
    public String summary() {
        return "MLP " + params.spec().hidden() + ", " + params.spec().epochs() + " epochs";
    }
}
