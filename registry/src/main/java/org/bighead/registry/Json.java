package org.bighead.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.bighead.http.HttpError;
import org.bighead.http.JsonProblems;

/** The registry's one JSON mapper and the parsing of request bodies into 400s that name the problem. */
public final class Json {
    /** Shared, thread-safe. */
    public static final ObjectMapper MAPPER = JsonProblems.strictMapper();

    private Json() {}

    /** A request body that must be a JSON object. */
    public static ObjectNode object(byte[] body, String what) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonProblems.badRequest(what, e);
        } catch (IOException e) {
            throw HttpError.badRequest(what + " could not be read");
        }
        if (!(node instanceof ObjectNode object)) {
            throw HttpError.badRequest(what + " must be a JSON object");
        }
        return object;
    }

    /** Stored JSON text back to a tree. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }

    /** A tree as compact text. */
    public static String text(JsonNode node) {
        return node.toString();
    }
}
