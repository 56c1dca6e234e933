package org.bighead.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON error shape of both servers: {@code {"status": 400, "error": "...", ...extras}}. */
public final class ErrorResponses {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorResponses() {}

    /** Answers {@code error} as the response: its status, JSON content type and body. */
    public static void write(Context ctx, HttpError error) {
        ctx.status(error.status()).contentType("application/json").result(body(error));
    }

    /** The JSON body of {@code error}, UTF-8. */
    public static byte[] body(HttpError error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", error.status());
        fields.put("error", error.getMessage());
        fields.putAll(error.extras());
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            // extras are strings and numbers; anything else is a programming error
            throw new IllegalArgumentException(
                    "an error field cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
