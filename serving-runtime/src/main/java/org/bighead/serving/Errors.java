package org.bighead.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bighead.http.ErrorResponses;
import org.bighead.http.HttpError;
import org.bighead.http.JsonProblems;
import org.bighead.http.Messages;
import org.bighead.pipeline.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP errors: every handler failure is turned into an {@link HttpError} here and
 * written as {@code {"status": ..., "error": ..., "column": ..., "row": ...}}. Bad input is a 4xx whose message
 * names the column; only a bug is a 500, and its stack trace goes to the log, never into a response.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    /** The HTTP error {@code failure} stands for. */
    public static HttpError toHttpError(Throwable failure) {
        if (failure instanceof HttpError e) {
            return e;
        }
        if (failure instanceof RowException e) {
            return HttpError.badRequest(e.getMessage())
                    .with("column", e.input().column())
                    .with("row", e.row());
        }
        if (failure instanceof BadInputException e) {
            return HttpError.badRequest(e.getMessage()).with("column", e.column());
        }
        if (failure instanceof BodyTooLargeException e) {
            return new HttpError(413, e.getMessage());
        }
        if (failure instanceof JsonProcessingException e) {
            return JsonProblems.badRequest("the request body", e);
        }
        if (failure instanceof HttpResponseException e) {
            return new HttpError(e.getStatus(), e.getMessage());
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            // the client went away or sent a broken body; nothing about our state is wrong
            return HttpError.badRequest(
                    "could not read the request body: " + oneLine(String.valueOf(failure.getMessage())));
        }
        LOG.error("internal error", failure);
        return new HttpError(500, "internal error (" + failure.getClass().getSimpleName() + "); see the server log");
    }

    /** Writes {@code failure} as the response. */
    public static void write(Context ctx, Throwable failure) {
        HttpError error = toHttpError(failure);
        if (error.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        ErrorResponses.write(ctx, error);
    }

    /** An I/O message on one line, at most 300 characters. */
    private static String oneLine(String s) {
        return s == null ? "" : Messages.shorten(s.replaceAll("\\s+", " ").strip(), 300);
    }
}
