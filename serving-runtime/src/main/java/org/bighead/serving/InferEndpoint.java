package org.bighead.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bighead.http.HttpError;
import org.bighead.http.Messages;
import org.bighead.pipeline.Field;

/**
 * {@code POST /v2/models/{name}[/versions/{version}]/infer}, the Open Inference Protocol (KServe v2) request:
 * one tensor of shape [n] per input column, {@code "id"} echoed. Outputs are {@code predictions} (FP64, or BYTES
 * labels for a classifier) and, for a classifier, one FP64 tensor {@code probability(label)} per class. Tensors may
 * travel as binary data both ways ({@link BinaryTensors}); an input the model does not take is ignored and named in
 * the response's {@code parameters.warnings}, or refused with {@code --strict}.
 */
final class InferEndpoint implements Handler {
    static final String EXPECTED = "a JSON object {\"inputs\": [{\"name\": column, \"shape\": [n],"
            + " \"datatype\": \"FP64\", \"BOOL\" or \"BYTES\", \"data\": [...]}, ...]}";
    static final String PREDICTIONS = "predictions";
    /** How much of a client-sent name or shape a message quotes. */
    private static final int MAX_QUOTED = 80;

    private static final Set<String> DATATYPES = Set.of(
            "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64",
            "BYTES");

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
        byte[] raw = JsonBodies.readBytes(ctx, maxBody);
        int headerLength = headerLength(ctx.header(BinaryTensors.HEADER), raw.length);
        JsonNode body = JsonBodies.parse(raw, 0, headerLength, EXPECTED);
        if (!body.isObject()) {
            throw HttpError.badRequest("expected " + EXPECTED + ", got " + JsonValues.describe(body));
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual()) {
            throw HttpError.badRequest("\"id\" must be a string, got " + JsonValues.describe(id));
        }
        ByteBuffer binary =
                ByteBuffer.wrap(raw, headerLength, raw.length - headerLength).slice();
        UnknownColumns unknown = new UnknownColumns(model, "input");
        Map<String, JsonNode> columns = columns(body.get("inputs"), model, binary, unknown);
        if (binary.hasRemaining()) {
            throw HttpError.badRequest(binary.remaining() + " bytes of binary data follow the last input's; the"
                    + " inputs' binary_data_size must add up to the body after the JSON header");
        }
        if (columns.isEmpty()) {
            throw HttpError.badRequest("none of the inputs is an input of model '" + model.name() + "'; its inputs"
                    + " are " + String.join(", ", model.inputs().keySet()));
        }
        int rows = columns.values().iterator().next().size();
        boolean binaryDefault = flag(body.path("parameters"), "binary_data_output", "parameters");
        Map<String, Boolean> wanted = requestedOutputs(body.get("outputs"), model, binaryDefault);
        Scores scores = model.score(rows, i -> new TensorRow(columns, i));
        metrics.rowsScored(model, rows);
        List<String> warnings = unknown.warnings(1);
        respond(ctx, model, id == null ? null : id.textValue(), scores, wanted, warnings);
    }

    /** The JSON header's length: the whole body without Inference-Header-Content-Length, else its value. */
    private static int headerLength(String header, int bodyLength) {
        if (header == null) {
            return bodyLength;
        }
        long n;
        try {
            n = Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > bodyLength) {
            throw HttpError.badRequest(BinaryTensors.HEADER + " must be the byte length of the JSON header, 0 to "
                    + bodyLength + " (the body's length), got '" + Messages.shorten(header, MAX_QUOTED) + "'");
        }
        return (int) n;
    }

    /** A boolean in {@code parameters}: absent is false, anything but a boolean is a 400. */
    private static boolean flag(JsonNode parameters, String name, String where) {
        if (parameters.isMissingNode() || parameters.isNull()) {
            return false;
        }
        if (!parameters.isObject()) {
            throw HttpError.badRequest("\"" + where + "\" must be an object, got " + JsonValues.describe(parameters));
        }
        JsonNode value = parameters.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw HttpError.badRequest(
                    "\"" + where + "." + name + "\" must be true or false, got " + JsonValues.describe(value));
        }
        return value.booleanValue();
    }

    /**
     * Input tensors by column name, each flattened to an array of n values (from "data", or decoded from the binary
     * part), all checked against the schema. An input the model does not take is checked too, then left out.
     */
    private static Map<String, JsonNode> columns(
            JsonNode inputs, LoadedModel model, ByteBuffer binary, UnknownColumns unknown) {
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw HttpError.badRequest("\"inputs\" must be a non-empty array of tensors, got "
                    + JsonValues.describe(inputs) + "; expected " + EXPECTED);
        }
        Map<String, Field> fields = model.inputs();
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int rows = -1;
        for (int t = 0; t < inputs.size(); t++) {
            JsonNode tensor = inputs.get(t);
            if (!tensor.isObject() || !tensor.path("name").isTextual()) {
                throw HttpError.badRequest(
                        "inputs[" + t + "] must be an object with a string \"name\"; expected " + EXPECTED);
            }
            String name = tensor.get("name").textValue();
            unknown.check(name, -1);
            if (!seen.add(name)) {
                throw HttpError.badRequest("input '" + Messages.shorten(name, MAX_QUOTED) + "' is given twice")
                        .with("column", name);
            }
            String datatype = tensor.path("datatype").asText("");
            if (!DATATYPES.contains(datatype)) {
                throw HttpError.badRequest("input '" + Messages.shorten(name, MAX_QUOTED) + "': unknown datatype '"
                                + Messages.shorten(datatype, MAX_QUOTED) + "'; use FP64 for numbers, BOOL for booleans,"
                                + " BYTES for strings")
                        .with("column", name);
            }
            ArrayNode data = data(name, datatype, tensor, binary);
            int n = rowsOf(name, tensor.get("shape"), data.size());
            if (!fields.containsKey(name)) {
                continue; // checked, its bytes consumed, and named in the warnings
            }
            if (rows >= 0 && n != rows) {
                throw HttpError.badRequest("input '" + name + "' has " + n + " rows, the inputs before it " + rows
                                + "; every input needs the same number")
                        .with("column", name);
            }
            rows = n;
            columns.put(name, data);
        }
        return columns;
    }

    /** The tensor's elements: its "data", or its binary_data_size bytes of the binary part. */
    private static ArrayNode data(String name, String datatype, JsonNode tensor, ByteBuffer binary) {
        JsonNode parameters = tensor.path("parameters");
        JsonNode size = parameters.isObject() ? parameters.get("binary_data_size") : null;
        if (size == null || size.isNull()) {
            return flatten(name, tensor.get("data"));
        }
        String quoted = Messages.shorten(name, MAX_QUOTED);
        if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw HttpError.badRequest("input '" + quoted + "': binary_data_size must be a byte count (0 or more),"
                            + " got " + Messages.shorten(size.toString(), MAX_QUOTED))
                    .with("column", name);
        }
        if (tensor.has("data")) {
            throw HttpError.badRequest("input '" + quoted + "' has both \"data\" and binary_data_size; send one")
                    .with("column", name);
        }
        return BinaryTensors.read(name, datatype, size.longValue(), binary);
    }

    /** The row count from a shape of [n] or [n, 1], which must match the data. */
    private static int rowsOf(String name, JsonNode shape, int values) {
        boolean valid = shape != null
                && shape.isArray()
                && (shape.size() == 1
                        || (shape.size() == 2
                                && shape.get(1).isInt()
                                && shape.get(1).intValue() == 1))
                && shape.get(0).isInt()
                && shape.get(0).intValue() >= 1;
        if (!valid) {
            throw HttpError.badRequest("input '" + name + "': shape must be [n] or [n, 1] with n ≥ 1, got "
                            + (shape == null ? "none" : Messages.shorten(shape.toString(), MAX_QUOTED)))
                    .with("column", name);
        }
        int n = shape.get(0).intValue();
        if (n != values) {
            throw HttpError.badRequest(
                            "input '" + name + "': shape says " + n + " rows but data has " + values + " values")
                    .with("column", name);
        }
        return n;
    }

    /** Data as one flat array (the protocol allows it nested by shape, or flat in row-major order). */
    private static ArrayNode flatten(String name, JsonNode data) {
        if (data == null || !data.isArray()) {
            throw HttpError.badRequest(
                            "input '" + name + "': \"data\" must be an array, got " + JsonValues.describe(data))
                    .with("column", name);
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

    /** The outputs to send, in the model's order, each with whether it goes as binary data. */
    private static Map<String, Boolean> requestedOutputs(JsonNode outputs, LoadedModel model, boolean binary) {
        List<String> all = outputNames(model);
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        if (outputs == null) {
            all.forEach(name -> wanted.put(name, binary));
            return wanted;
        }
        if (!outputs.isArray()) {
            throw HttpError.badRequest(
                    "\"outputs\" must be an array of {\"name\": ...}, got " + JsonValues.describe(outputs));
        }
        Map<String, Boolean> asked = new HashMap<>();
        for (JsonNode o : outputs) {
            String name = o.path("name").asText(null);
            if (name == null || !all.contains(name)) {
                throw HttpError.badRequest(
                        "unknown output " + Messages.shorten(String.valueOf(o), MAX_QUOTED) + "; outputs are " + all);
            }
            JsonNode parameters = o.path("parameters");
            boolean asBinary = (parameters.isObject() && parameters.has("binary_data"))
                    ? flag(parameters, "binary_data", "outputs[].parameters")
                    : binary;
            asked.put(name, asBinary);
        }
        for (String name : all) {
            if (asked.containsKey(name)) {
                wanted.put(name, asked.get(name));
            }
        }
        return wanted;
    }

    /** One output tensor: its datatype, and its elements as JSON or as binary. */
    private record Output(String name, String datatype, int rows, Writer json, byte[] binary) {}

    /** Writes one tensor's elements as JSON. */
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static void respond(
            Context ctx,
            LoadedModel model,
            String id,
            Scores scores,
            Map<String, Boolean> wanted,
            List<String> warnings)
            throws IOException {
        List<Output> outputs = new ArrayList<>();
        List<String> names = outputNames(model);
        int n = scores.size();
        Boolean predictionsBinary = wanted.get(PREDICTIONS);
        if (predictionsBinary != null) {
            if (scores.classification()) {
                String[] labels = new String[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = scores.label(i);
                }
                outputs.add(new Output(
                        PREDICTIONS,
                        "BYTES",
                        n,
                        g -> {
                            for (String label : labels) {
                                g.writeString(label);
                            }
                        },
                        predictionsBinary ? BinaryTensors.strings(labels) : null));
            } else {
                double[] values = java.util.Arrays.copyOf(scores.values(), n);
                outputs.add(new Output(
                        PREDICTIONS,
                        "FP64",
                        n,
                        g -> {
                            for (double v : values) {
                                g.writeNumber(v);
                            }
                        },
                        predictionsBinary ? BinaryTensors.doubles(values) : null));
            }
        }
        for (int k = 0; k < scores.classes().size(); k++) {
            String name = names.get(1 + k);
            Boolean asBinary = wanted.get(name);
            if (asBinary != null) {
                double[] p = scores.probabilities()[k];
                outputs.add(new Output(
                        name,
                        "FP64",
                        n,
                        g -> {
                            for (double v : p) {
                                g.writeNumber(v);
                            }
                        },
                        asBinary ? BinaryTensors.doubles(p) : null));
            }
        }
        byte[] header = JsonBodies.bytes(g -> writeHeader(g, model, id, outputs, warnings));
        int binaryLength = 0;
        for (Output o : outputs) {
            binaryLength += o.binary() == null ? 0 : o.binary().length;
        }
        if (outputs.stream().allMatch(o -> o.binary() == null)) {
            ctx.contentType("application/json").result(header);
            return;
        }
        byte[] all = java.util.Arrays.copyOf(header, header.length + binaryLength);
        int at = header.length;
        for (Output o : outputs) {
            if (o.binary() != null) {
                System.arraycopy(o.binary(), 0, all, at, o.binary().length);
                at += o.binary().length;
            }
        }
        ctx.header(BinaryTensors.HEADER, Integer.toString(header.length))
                .contentType("application/octet-stream")
                .result(all);
    }

    private static void writeHeader(
            JsonGenerator g, LoadedModel model, String id, List<Output> outputs, List<String> warnings)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("model_name", model.name());
        g.writeStringField("model_version", model.version());
        if (id != null) {
            g.writeStringField("id", id);
        }
        if (!warnings.isEmpty()) {
            // the protocol's parameters hold strings, numbers and booleans: the warnings as one string
            g.writeObjectFieldStart("parameters");
            g.writeStringField("warnings", String.join("; ", warnings));
            g.writeEndObject();
        }
        g.writeArrayFieldStart("outputs");
        for (Output o : outputs) {
            g.writeStartObject();
            g.writeStringField("name", o.name());
            g.writeStringField("datatype", o.datatype());
            g.writeArrayFieldStart("shape");
            g.writeNumber(o.rows());
            g.writeEndArray();
            if (o.binary() != null) {
                g.writeObjectFieldStart("parameters");
                g.writeNumberField("binary_data_size", o.binary().length);
                g.writeEndObject();
            } else {
                g.writeArrayFieldStart("data");
                o.json().write(g);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
