package org.bighead.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses: its HTTP status, one sentence a person understands, and optional extra fields
 * (such as {@code "column"}) that {@link ErrorResponses} writes next to {@code "status"} and {@code "error"}.
 * Thrown anywhere in a handler; it is an expected outcome, so it carries no stack trace.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final Map<String, Object> extras;

    /** An error answered with {@code status} and {@code message}. */
    public HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    private HttpError(int status, String message, Map<String, Object> extras) {
        super(message, null, false, false);
        this.status = status;
        this.extras = extras;
    }

    /** 400: the request is not what the endpoint takes; the message names the field. */
    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    /** 404: no such thing here. */
    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** 409: it exists already, or a concurrent change won. */
    public static HttpError conflict(String message) {
        return new HttpError(409, message);
    }

    /** This error with one more field in its JSON body; a null {@code value} leaves the field out. */
    public HttpError with(String field, Object value) {
        if ("status".equals(field) || "error".equals(field)) {
            throw new IllegalArgumentException("'" + field + "' is written by every error; pick another field name");
        }
        if (value == null) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(field, value);
        return new HttpError(status, getMessage(), Collections.unmodifiableMap(more));
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The extra fields, in the order they were added. */
    public Map<String, Object> extras() {
        return extras;
    }
}
