package org.bighead.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bighead.pipeline.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP errors: every handler failure is turned into an {@link ApiError} here and
 * written as {@code {"status": ..., "error": ..., "column": ..., "row": ...}}. Bad input is a 4xx whose message
 * names the column; only a bug is a 500, and its stack trace goes to the log, never into a response.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    /** The HTTP error {@code failure} stands for. */
    public static ApiError toApiError(Throwable failure) {
        if (failure instanceof ApiError e) {
            return e;
        }
        if (failure instanceof RowException e) {
            return new ApiError(400, e.getMessage(), e.input().column(), e.row());
        }
        if (failure instanceof BadInputException e) {
            return new ApiError(400, e.getMessage(), e.column(), null);
        }
        if (failure instanceof BodyTooLargeException e) {
            return new ApiError(413, e.getMessage());
        }
        if (failure instanceof JsonProcessingException e) {
            return ApiError.badRequest("malformed JSON" + where(e.getLocation()) + ": " + shorten(e.getOriginalMessage()));
        }
        if (failure instanceof HttpResponseException e) {
            return new ApiError(e.getStatus(), e.getMessage());
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            // the client went away or sent a broken body; nothing about our state is wrong
            return ApiError.badRequest("could not read the request body: " + shorten(String.valueOf(failure.getMessage())));
        }
        LOG.error("internal error", failure);
        return new ApiError(500, "internal error (" + failure.getClass().getSimpleName() + "); see the server log");
    }

    /** Writes {@code failure} as the response. */
    public static void write(Context ctx, Throwable failure) {
        ApiError error = toApiError(failure);
        if (error.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(error.status()).contentType("application/json").result(body(error));
    }

    /** The JSON body of an error. */
    static byte[] body(ApiError error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JsonBodies.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("status", error.status());
            g.writeStringField("error", error.getMessage());
            if (error.column() != null) {
                g.writeStringField("column", error.column());
            }
            if (error.row() != null) {
                g.writeNumberField("row", error.row());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 0) {
            return "";
        }
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)]", "line $1, column $2")
                .replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }
}
