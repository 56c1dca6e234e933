package org.bighead.registry.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.bighead.http.ErrorResponses;
import org.bighead.http.HttpError;
import org.bighead.registry.artifacts.ArtifactStore;
import org.bighead.registry.store.ConflictException;
import org.bighead.registry.store.Database;
import org.bighead.registry.store.NotFoundException;
import org.bighead.registry.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become API.md's {@code {"status":…, "error":…}}: refusals of the routes (HttpError), of
 * the stores (not found → 404, conflict → 409), of the database (busy → 503, constraint → 409, refused value
 * → 400), no route (404, or 405 with Allow) and everything else as a 500 whose details stay in the log.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String ERROR_WRITTEN = "bighead.error-written";

    private ApiErrors() {}

    /** Installs the mapping on a Javalin configuration; {@code maxJsonBytes} is named in 413 answers. */
    public static void install(JavalinConfig c, long maxJsonBytes, List<Route> routes) {
        c.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e));
        c.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        c.routes.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        c.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404) {
                noEndpoint(ctx, routes);
            } else {
                error(ctx, e.getStatus(), sentence(e, maxJsonBytes));
            }
        });
        c.routes.exception(Database.Busy.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        c.routes.exception(ArtifactStore.NoSuchArtifactException.class, (e, ctx) -> {
            LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 500, "the registry has this version but not its bytes; an operator must restore them");
        });
        c.routes.exception(StoreException.class, (e, ctx) -> {
            if (e.isConstraintViolation()) {
                error(ctx, 409, "a concurrent change conflicted with this one; try again");
            } else if (e.isDataException()) {
                // input validation should have caught it (Texts); the database is the backstop
                LOG.warn("{} {}: the database refused a value: {}", ctx.method(), ctx.path(), e.getMessage());
                error(
                        ctx,
                        400,
                        "the registry database cannot store a value of this request (too long, or a"
                                + " character such as NUL it does not accept); shorten or clean the text fields");
            } else {
                LOG.error("{} {}: database error", ctx.method(), ctx.path(), e);
                error(ctx, 500, "the registry database failed; see the server log");
            }
        });
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "the registry failed on this request; see the server log");
        });
        c.routes.error(404, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) {
                noEndpoint(ctx, routes);
            }
        });
    }

    /** No route for this method and path: 405 with Allow when the path takes other methods, else 404. */
    private static void noEndpoint(Context ctx, List<Route> routes) {
        List<String> allowed = Routes.allowedMethods(routes, ctx.path());
        if (allowed.isEmpty()) {
            error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
        } else {
            String allow = String.join(", ", allowed);
            ctx.header("Allow", allow);
            error(
                    ctx,
                    405,
                    ctx.method() + " is not allowed on " + ctx.path() + "; it takes " + allow
                            + " (see /api/openapi.json)");
        }
    }

    private static String sentence(HttpResponseException e, long maxJsonBytes) {
        return switch (e.getStatus()) {
            case 413 -> "the request body is too large (JSON bodies are limited to " + size(maxJsonBytes) + ")";
            case 400 -> "bad request: " + e.getMessage();
            default -> e.getMessage();
        };
    }

    /** 1048576 → "1 MiB (1048576 bytes)"; 5000 → "5000 bytes". */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    private static void error(Context ctx, int status, String message) {
        error(ctx, new HttpError(status, message));
    }

    private static void error(Context ctx, HttpError error) {
        ctx.attribute(ERROR_WRITTEN, true);
        ErrorResponses.write(ctx, error);
    }
}
