package org.bighead.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.bighead.http.HttpError;

/**
 * {@code POST /v2/models/{name}/predict}: rows as JSON objects in, predictions out, in order.
 * <pre>{"instances": [{"bedrooms": 2, ...}, ...]}  →  {"model": "listing-price", "version": "3", "predictions": [123.4, ...]}</pre>
 * Classifiers answer with labels and add {@code "probabilities": [{"false": 0.8, "true": 0.2}, ...]}. A column the
 * model does not take is ignored and named in {@code "warnings": ["column 'bedroms' is not an input ..."]};
 * {@code --strict} refuses it with a 400.
 */
final class RecordsEndpoint implements Handler {
    static final String EXPECTED = "a JSON object {\"instances\": [{\"column\": value, ...}, ...]}";

    private final ModelHolder models;
    private final ServingMetrics metrics;
    private final long maxBody;

    RecordsEndpoint(ModelHolder models, ServingMetrics metrics, long maxBody) {
        this.models = models;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        LoadedModel model = RequestedModel.select(ctx, models);
        JsonNode body = JsonBodies.read(ctx, maxBody, EXPECTED);
        if (!body.isObject()) {
            throw HttpError.badRequest("expected " + EXPECTED + ", got " + JsonValues.describe(body));
        }
        JsonNode instances = body.get("instances");
        if (instances == null || !instances.isArray()) {
            throw HttpError.badRequest("\"instances\" must be an array of row objects, got "
                    + JsonValues.describe(instances) + "; expected " + EXPECTED);
        }
        if (instances.isEmpty()) {
            throw HttpError.badRequest("\"instances\" is empty: send at least one row");
        }
        RecordRow[] rows = new RecordRow[instances.size()];
        UnknownColumns unknown = new UnknownColumns(model, "column");
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = instances.get(i);
            if (!row.isObject()) {
                throw HttpError.badRequest("instances[" + i + "] must be an object of column values, got "
                                + JsonValues.describe(row))
                        .with("row", i);
            }
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                unknown.check(names.next(), i);
            }
            rows[i] = new RecordRow((ObjectNode) row);
        }
        Scores scores = model.score(rows.length, i -> rows[i]);
        metrics.rowsScored(model, rows.length);
        List<String> warnings = unknown.warnings(rows.length);
        JsonBodies.respond(ctx, g -> write(g, model, scores, warnings));
    }

    private static void write(JsonGenerator g, LoadedModel model, Scores scores, List<String> warnings)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("model", model.name());
        g.writeStringField("version", model.version());
        g.writeArrayFieldStart("predictions");
        for (int i = 0; i < scores.size(); i++) {
            if (scores.classification()) {
                g.writeString(scores.label(i));
            } else {
                g.writeNumber(scores.values()[i]);
            }
        }
        g.writeEndArray();
        if (scores.classification()) {
            g.writeArrayFieldStart("probabilities");
            for (int i = 0; i < scores.size(); i++) {
                g.writeStartObject();
                for (int k = 0; k < scores.classes().size(); k++) {
                    g.writeNumberField(scores.classes().get(k), scores.probabilities()[k][i]);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!warnings.isEmpty()) {
            g.writeArrayFieldStart("warnings");
            for (String w : warnings) {
                g.writeString(w);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
