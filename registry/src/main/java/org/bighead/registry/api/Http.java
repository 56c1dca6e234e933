package org.bighead.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.bighead.http.HttpError;
import org.bighead.registry.Json;
import org.bighead.registry.Names;
import org.bighead.registry.Texts;

/** Small helpers every route uses: JSON out, JSON in, validated path parameters. */
final class Http {
    private Http() {}

    /** Answers {@code body} as JSON with {@code status}. */
    static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** {@code {"<field>": value}}. */
    static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set(field, value);
        return out;
    }

    /** The request body as a JSON object (Javalin enforces the size limit: 413). */
    static ObjectNode body(Context ctx) {
        return Json.object(ctx.bodyAsBytes(), "the request body");
    }

    /** The validated {name} path parameter. */
    static String model(Context ctx) {
        return Names.model(ctx.pathParam("name"));
    }

    /** The validated {alias} path parameter. */
    static String alias(Context ctx) {
        return Names.alias(ctx.pathParam("alias"));
    }

    /** The validated {version} path parameter. */
    static int version(Context ctx) {
        return Names.version(ctx.pathParam("version"));
    }

    /** A required text field of a JSON body, at most {@code max} characters. */
    static String text(ObjectNode body, String field, int max) {
        JsonNode node = body.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw HttpError.badRequest("field '" + field + "' is required and must be text");
        }
        return limit(node.asText(), field, max);
    }

    /** An optional text field, or {@code fallback}. */
    static String text(ObjectNode body, String field, int max, String fallback) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw HttpError.badRequest("field '" + field + "' must be text");
        }
        return limit(node.asText(), field, max);
    }

    private static String limit(String value, String field, int max) {
        return Texts.check(value, "field '" + field + "'", max);
    }

    /** A required positive version number field; 4294967297 must not wrap around to 1. */
    static int versionField(ObjectNode body) {
        JsonNode node = body.path("version");
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw HttpError.badRequest("field 'version' is required and must be a positive whole number"
                    + " of at most " + Integer.MAX_VALUE);
        }
        return node.intValue();
    }
}
