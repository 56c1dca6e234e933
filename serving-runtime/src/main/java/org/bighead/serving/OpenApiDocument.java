package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.bighead.pipeline.Field;
import org.bighead.pipeline.Kind;

/**
 * {@code /openapi.json} for the model being served: the shared document (openapi.json in the jar) with the served
 * name and version as the only valid path values, the input columns with their types, which are required and
 * whether unknown ones are refused (--strict), and a valid example request. Built once per model version.
 */
final class OpenApiDocument {
    private final ObjectNode template;
    private final boolean referenceEndpoint;
    private volatile Built built;

    private record Built(LoadedModel model, byte[] json) {}

    OpenApiDocument(boolean referenceEndpoint) {
        this.referenceEndpoint = referenceEndpoint;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("/openapi.json is missing from the serving runtime's jar");
            }
            this.template = (ObjectNode) JsonBodies.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document for {@code model}, as JSON bytes. */
    byte[] json(LoadedModel model) throws IOException {
        Built b = built;
        if (b == null || b.model() != model) {
            b = new Built(model, JsonBodies.MAPPER.writeValueAsBytes(build(model)));
            built = b;
        }
        return b.json();
    }

    /** The document for {@code model}, as a tree. */
    ObjectNode build(LoadedModel model) {
        ObjectNode doc = template.deepCopy();
        ObjectNode paths = (ObjectNode) doc.get("paths");
        if (!referenceEndpoint) {
            paths.remove("/reference/constant");
        }
        for (JsonNode path : paths) {
            for (JsonNode operation : path) {
                for (JsonNode parameter : operation.path("parameters")) {
                    pathValue((ObjectNode) parameter, "name", model.name());
                    pathValue((ObjectNode) parameter, "version", model.version());
                }
            }
        }
        ObjectNode schemas = (ObjectNode) doc.get("components").get("schemas");
        ObjectNode instance = (ObjectNode)
                schemas.get("PredictRequest").get("properties").get("instances").get("items");
        instance.removeAll();
        instance.setAll(row(model));
        Map<String, Object> example = model.exampleRow();
        ((ObjectNode) schemas.get("PredictRequest"))
                .set("example", JsonBodies.MAPPER.valueToTree(Map.of("instances", java.util.List.of(example))));
        ObjectNode inferRequest = (ObjectNode) schemas.get("InferenceRequest");
        inferRequest.put("description", inferDescription(model));
        inferRequest.set("example", inferExample(model, example));
        ObjectNode inputName =
                (ObjectNode) schemas.get("RequestInput").get("properties").get("name");
        if (model.strict()) {
            ArrayNode names = inputName.putArray("enum");
            model.inputs().keySet().forEach(names::add);
        }
        return doc;
    }

    private static void pathValue(ObjectNode parameter, String name, String value) {
        if ("path".equals(parameter.path("in").asText())
                && name.equals(parameter.path("name").asText())) {
            ObjectNode schema = parameter.putObject("schema");
            schema.put("type", "string");
            schema.putArray("enum").add(value);
        }
    }

    /** One row's schema: a property per input column, typed; required and unknown columns as the server checks. */
    private static ObjectNode row(LoadedModel model) {
        ObjectNode row = JsonBodies.MAPPER.createObjectNode();
        row.put("type", "object");
        row.put(
                "description",
                model.strict()
                        ? "One row: every input column (null where a value is missing and the column allows it); --strict"
                                + " refuses other columns, categories not seen in training and non-text values for text columns"
                        : "One row: its input columns; a column the model does not take is ignored and named in the"
                                + " response's warnings. Numeric columns also read numbers written as text, text columns numbers");
        ArrayNode required = row.putArray("required");
        ObjectNode properties = row.putObject("properties");
        for (Field f : model.inputs().values()) {
            ObjectNode p = properties.putObject(f.name());
            if (model.strict()) {
                typed(p, f, true);
            } else {
                lenient(p, f);
            }
            if (model.strict() || !f.nullable()) {
                required.add(f.name());
            }
        }
        row.put("additionalProperties", !model.strict());
        return row;
    }

    /** The column's own type: boolean, number (a double) or text; under --strict text takes its categories. */
    private static ObjectNode typed(ObjectNode p, Field f, boolean strict) {
        p.put("type", InputTypes.jsonType(f));
        if (f.nullable()) {
            p.put("nullable", true);
        }
        if (f.kind() == Kind.NUMERIC && !InputTypes.isBoolean(f)) {
            p.put("minimum", -Double.MAX_VALUE);
            p.put("maximum", Double.MAX_VALUE);
        }
        if (f.kind() == Kind.STRING && strict && !f.categories().isEmpty()) {
            ArrayNode values = p.putArray("enum");
            f.categories().forEach(values::add);
            if (f.nullable()) {
                values.addNull();
            }
        }
        if (f.kind() == Kind.STRING && !f.nullable()) {
            p.put("minLength", 1); // "" reads as missing
        }
        return p;
    }

    /**
     * What lenient scoring reads, as the notebook does: for a number or boolean column its own type first, then the
     * other one (true is 1) and numbers written as text; for a text column also numbers and booleans (as text).
     */
    private static void lenient(ObjectNode p, Field f) {
        ArrayNode any = p.putArray("anyOf");
        typed(any.addObject(), f, false);
        if (f.kind() == Kind.STRING) {
            any.addObject().put("type", "number");
            any.addObject().put("type", "boolean");
            return;
        }
        if (InputTypes.isBoolean(f)) {
            any.addObject()
                    .put("type", "number")
                    .put("minimum", -Double.MAX_VALUE)
                    .put("maximum", Double.MAX_VALUE);
        } else {
            any.addObject().put("type", "boolean");
        }
        // digits and exponent bounded so that every text the pattern allows is a finite double
        String number = "[+-]?(\\d{1,20}\\.?\\d{0,20}|\\.\\d{1,20})([eE][+-]?\\d{1,2})?"
                + "|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]" + (f.nullable() ? "|NaN|" : "");
        any.addObject()
                .put("type", "string")
                .put("pattern", "^[ \\t\\n\\r]*(" + number + ")[ \\t\\n\\r]*$")
                .put("description", "a number written as text" + (f.nullable() ? "; empty or NaN is missing" : ""));
    }

    private static String inferDescription(LoadedModel model) {
        StringBuilder s = new StringBuilder(
                "Inputs of model '" + model.name() + "', one tensor each, all of the" + " same n rows: ");
        for (Iterator<Field> it = model.inputs().values().iterator(); it.hasNext(); ) {
            Field f = it.next();
            s.append(f.name())
                    .append(" (")
                    .append(InputTypes.datatype(f))
                    .append(model.strict() || !f.nullable() ? ", required" : ", optional")
                    .append(')')
                    .append(it.hasNext() ? ", " : ".");
        }
        s.append(
                model.strict()
                        ? " --strict refuses other inputs."
                        : " Other inputs are ignored and named in the response's parameters.warnings.");
        return s.toString();
    }

    private static ObjectNode inferExample(LoadedModel model, Map<String, Object> row) {
        ObjectNode request = JsonBodies.MAPPER.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        for (Field f : model.inputs().values()) {
            ObjectNode t = inputs.addObject();
            t.put("name", f.name());
            t.putArray("shape").add(1);
            t.put("datatype", InputTypes.datatype(f));
            t.putArray("data").addPOJO(row.get(f.name()));
        }
        return request;
    }
}
