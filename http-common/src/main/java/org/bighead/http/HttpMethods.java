package org.bighead.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Locale;

/**
 * HEAD and wrong methods, the same on both servers. Javalin answers HEAD on a GET route with 200 and nothing else,
 * without running the handler (so a HEAD health check of a missing model passes); {@link #getAndHead} registers the
 * GET handler for HEAD too, so HEAD has GET's status and headers (Jetty drops the body). A method the path does
 * not take is a 405 whose {@code Allow} header lists the ones it does ({@link #methodNotAllowed}).
 */
public final class HttpMethods {
    private static final int MAX_QUOTED = 80;

    private HttpMethods() {}

    /** Routes GET and HEAD on {@code path} to {@code handler}. */
    public static void getAndHead(JavalinDefaultRoutingApi routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    /**
     * The 405 for a Javalin "method not allowed" (from {@code prefer405over404}): sets {@code Allow} to the methods
     * the path takes and returns the error to write, which names them. Other statuses are returned as they are.
     */
    public static HttpError methodNotAllowed(Context ctx, HttpResponseException e) {
        if (e.getStatus() != 405) {
            return new HttpError(e.getStatus(), e.getMessage());
        }
        String allow = e.getDetails().getOrDefault("availableMethods", "").toUpperCase(Locale.ROOT);
        if (!allow.isBlank()) {
            ctx.header("Allow", allow);
        }
        String path = Messages.shorten(ctx.path(), MAX_QUOTED);
        return new HttpError(
                405,
                ctx.method().name() + " is not allowed on " + path + (allow.isBlank() ? "" : "; it takes " + allow));
    }
}
