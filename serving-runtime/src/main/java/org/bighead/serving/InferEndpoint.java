package org.bighead.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;
import org.bighead.pipeline.Field;

/**
 * {@code POST /v2/models/{name}[/versions/{version}]/infer}, the Open Inference Protocol (KServe v2) request:
 * one tensor of shape [n] per input column, {@code "id"} echoed. Outputs are {@code predictions} (FP64, or BYTES
 * labels for a classifier) and, for a classifier, one FP64 tensor {@code probability(label)} per class.
 */
final class InferEndpoint implements Handler {
    static final String EXPECTED = "a JSON object {\"inputs\": [{\"name\": column, \"shape\": [n],"
            + " \"datatype\": \"FP64\" or \"BYTES\", \"data\": [...]}, ...]}";
    static final String PREDICTIONS = "predictions";
    /** How much of a client-sent name or shape a message quotes. */
    private static final int MAX_QUOTED = 80;
    private static final Set<String> DATATYPES = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8",
            "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES");

    private final ModelHolder models;
    private final ServingMetrics metrics;
    private final long maxBody;

    InferEndpoint(ModelHolder models, ServingMetrics metrics, long maxBody) {
        this.models = models;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    /** The output tensor names of a model, in order. */
    static List<String> outputNames(LoadedModel model) {
        List<String> names = new java.util.ArrayList<>();
        names.add(PREDICTIONS);
        model.pipeline().outputSchema().fields().stream().skip(1).forEach(f -> names.add(f.name()));
        return names;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        LoadedModel model = RequestedModel.select(ctx, models);
        JsonNode body = JsonBodies.read(ctx, maxBody, EXPECTED);
        if (!body.isObject()) {
            throw HttpError.badRequest("expected " + EXPECTED + ", got " + JsonValues.describe(body));
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual()) {
            throw HttpError.badRequest("\"id\" must be a string, got " + JsonValues.describe(id));
        }
        Map<String, JsonNode> columns = columns(body.get("inputs"), model);
        int rows = columns.values().iterator().next().size();
        Set<String> wanted = requestedOutputs(body.get("outputs"), model);
        Scores scores = model.score(rows, i -> new TensorRow(columns, i));
        metrics.rowsScored(model, rows);
        JsonBodies.respond(ctx, g -> write(g, model, id == null ? null : id.textValue(), scores, wanted));
    }

    /** Input tensors by column name, each flattened to an array of n values; all checked against the schema. */
    private static Map<String, JsonNode> columns(JsonNode inputs, LoadedModel model) {
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw HttpError.badRequest("\"inputs\" must be a non-empty array of tensors, got "
                    + JsonValues.describe(inputs) + "; expected " + EXPECTED);
        }
        Map<String, Field> fields = model.pipeline().inputSchema().byName();
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        int rows = -1;
        for (int t = 0; t < inputs.size(); t++) {
            JsonNode tensor = inputs.get(t);
            if (!tensor.isObject() || !tensor.path("name").isTextual()) {
                throw HttpError.badRequest("inputs[" + t + "] must be an object with a string \"name\"; expected "
                        + EXPECTED);
            }
            String name = tensor.get("name").textValue();
            if (!fields.containsKey(name)) {
                throw HttpError.badRequest("model '" + model.name() + "' has no input '"
                        + Messages.shorten(name, MAX_QUOTED) + "'; its inputs are "
                        + fields.keySet()).with("column", name);
            }
            if (columns.containsKey(name)) {
                throw HttpError.badRequest("input '" + name + "' is given twice").with("column", name);
            }
            String datatype = tensor.path("datatype").asText("");
            if (!DATATYPES.contains(datatype)) {
                throw HttpError.badRequest("input '" + name + "': unknown datatype '" + datatype + "'; use FP64 for"
                        + " numbers, BYTES for strings").with("column", name);
            }
            ArrayNode data = flatten(name, tensor.get("data"));
            int n = rowsOf(name, tensor.get("shape"), data.size());
            if (rows >= 0 && n != rows) {
                throw HttpError.badRequest("input '" + name + "' has " + n + " rows, the inputs before it " + rows
                        + "; every input needs the same number").with("column", name);
            }
            rows = n;
            columns.put(name, data);
        }
        return columns;
    }

    /** The row count from a shape of [n] or [n, 1], which must match the data. */
    private static int rowsOf(String name, JsonNode shape, int values) {
        boolean valid = shape != null && shape.isArray() && (shape.size() == 1
                || (shape.size() == 2 && shape.get(1).isInt() && shape.get(1).intValue() == 1))
                && shape.get(0).isInt() && shape.get(0).intValue() >= 1;
        if (!valid) {
            throw HttpError.badRequest("input '" + name + "': shape must be [n] or [n, 1] with n ≥ 1, got "
                    + (shape == null ? "none" : Messages.shorten(shape.toString(), MAX_QUOTED))).with("column", name);
        }
        int n = shape.get(0).intValue();
        if (n != values) {
            throw HttpError.badRequest("input '" + name + "': shape says " + n + " rows but data has " + values
                    + " values").with("column", name);
        }
        return n;
    }

    /** Data as one flat array (the protocol allows it nested by shape, or flat in row-major order). */
    private static ArrayNode flatten(String name, JsonNode data) {
        if (data == null || !data.isArray()) {
            throw HttpError.badRequest("input '" + name + "': \"data\" must be an array, got "
                    + JsonValues.describe(data)).with("column", name);
        }
        boolean nested = false;
        for (JsonNode v : data) {
            nested |= v.isArray();
        }
        if (!nested) {
            return (ArrayNode) data;
        }
        ArrayNode flat = JsonNodeFactory.instance.arrayNode(data.size());
        for (JsonNode v : data) {
            if (v.isArray()) {
                v.forEach(flat::add);
            } else {
                flat.add(v);
            }
        }
        return flat;
    }

    private static Set<String> requestedOutputs(JsonNode outputs, LoadedModel model) {
        List<String> all = outputNames(model);
        if (outputs == null) {
            return new LinkedHashSet<>(all);
        }
        if (!outputs.isArray()) {
            throw HttpError.badRequest("\"outputs\" must be an array of {\"name\": ...}, got "
                    + JsonValues.describe(outputs));
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode o : outputs) {
            String name = o.path("name").asText(null);
            if (name == null || !all.contains(name)) {
                throw HttpError.badRequest("unknown output " + Messages.shorten(String.valueOf(o), MAX_QUOTED)
                        + "; outputs are " + all);
            }
            wanted.add(name);
        }
        return wanted;
    }

    private static void write(JsonGenerator g, LoadedModel model, String id, Scores scores, Set<String> wanted)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("model_name", model.name());
        g.writeStringField("model_version", model.version());
        if (id != null) {
            g.writeStringField("id", id);
        }
        g.writeArrayFieldStart("outputs");
        List<String> names = outputNames(model);
        if (wanted.contains(PREDICTIONS)) {
            tensorStart(g, PREDICTIONS, scores.size(), scores.classification() ? "BYTES" : "FP64");
            for (int i = 0; i < scores.size(); i++) {
                if (scores.classification()) {
                    g.writeString(scores.label(i));
                } else {
                    g.writeNumber(scores.values()[i]);
                }
            }
            tensorEnd(g);
        }
        for (int k = 0; k < scores.classes().size(); k++) {
            String name = names.get(1 + k);
            if (wanted.contains(name)) {
                tensorStart(g, name, scores.size(), "FP64");
                for (double p : scores.probabilities()[k]) {
                    g.writeNumber(p);
                }
                tensorEnd(g);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void tensorStart(JsonGenerator g, String name, int rows, String datatype) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeArrayFieldStart("shape");
        g.writeNumber(rows);
        g.writeEndArray();
        g.writeStringField("datatype", datatype);
        g.writeArrayFieldStart("data");
    }

    private static void tensorEnd(JsonGenerator g) throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }
}
