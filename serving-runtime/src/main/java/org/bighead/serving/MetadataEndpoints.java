package org.bighead.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.bighead.pipeline.Field;

/** The Open Inference Protocol's health and metadata endpoints: liveness, readiness, server and model metadata. */
final class MetadataEndpoints {
    static final String SERVER_NAME = "bighead-serving";
    static final String SERVER_VERSION = "0.1.0";
    /** The extension name Triton uses for {@link BinaryTensors}. */
    static final String BINARY_TENSOR_DATA = "binary_tensor_data";

    private final ModelHolder models;

    MetadataEndpoints(ModelHolder models) {
        this.models = models;
    }

    /** {@code GET /v2/health/live}: the process answers. */
    void live(Context ctx) throws IOException {
        JsonBodies.respond(ctx, g -> {
            g.writeStartObject();
            g.writeBooleanField("live", true);
            g.writeEndObject();
        });
    }

    /** {@code GET /v2/health/ready}: a model is loaded (the server only listens once it is). */
    void ready(Context ctx) throws IOException {
        JsonBodies.respond(ctx, g -> {
            g.writeStartObject();
            g.writeBooleanField("ready", models.current() != null);
            g.writeEndObject();
        });
    }

    /** {@code GET /v2}: server name, version, protocol extensions (binary tensor data). */
    void server(Context ctx) throws IOException {
        JsonBodies.respond(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("name", SERVER_NAME);
            g.writeStringField("version", SERVER_VERSION);
            g.writeArrayFieldStart("extensions");
            g.writeString(BINARY_TENSOR_DATA);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code GET /v2/models/{name}[/versions/{version}]/ready}. */
    void modelReady(Context ctx) throws IOException {
        LoadedModel model = RequestedModel.select(ctx, models);
        JsonBodies.respond(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("name", model.name());
            g.writeStringField("version", model.version());
            g.writeBooleanField("ready", true);
            g.writeEndObject();
        });
    }

    /**
     * {@code GET /v2/models/{name}[/versions/{version}]}: inputs from the bundle's input schema (FP64 for numeric
     * columns, BOOL for boolean ones, BYTES for strings, shape [-1]), outputs, the served version; Bighead's details
     * under "parameters".
     */
    void model(Context ctx) throws IOException {
        LoadedModel model = RequestedModel.select(ctx, models);
        JsonBodies.respond(ctx, g -> {
            g.writeStartObject();
            g.writeStringField("name", model.name());
            g.writeArrayFieldStart("versions");
            g.writeString(model.version());
            g.writeEndArray();
            g.writeStringField("platform", "bighead");
            g.writeArrayFieldStart("inputs");
            for (Field f : model.pipeline().inputSchema().fields()) {
                tensor(g, f.name(), InputTypes.datatype(f));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("outputs");
            List<String> outputs = InferEndpoint.outputNames(model);
            for (int i = 0; i < outputs.size(); i++) {
                boolean labels = i == 0 && !model.pipeline().classes().isEmpty();
                tensor(g, outputs.get(i), labels ? "BYTES" : "FP64");
            }
            g.writeEndArray();
            g.writeObjectFieldStart("parameters");
            g.writeStringField("task", model.pipeline().task().name().toLowerCase(Locale.ROOT));
            g.writeStringField("target", model.pipeline().target());
            g.writeStringField("sha256", model.resolved().sha256());
            g.writeArrayFieldStart("classes");
            for (String c : model.pipeline().classes()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("nullable");
            for (Field f : model.pipeline().inputSchema().fields()) {
                g.writeBooleanField(f.name(), f.nullable());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void tensor(JsonGenerator g, String name, String datatype) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("datatype", datatype);
        g.writeArrayFieldStart("shape");
        g.writeNumber(-1);
        g.writeEndArray();
        g.writeEndObject();
    }
}
