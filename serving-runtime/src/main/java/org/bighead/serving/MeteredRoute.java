package org.bighead.serving;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.concurrent.Semaphore;
import org.bighead.http.HttpError;
import org.bighead.http.RequestBodies;

/**
 * A handler with what every endpoint needs around it: timing and counting by status, errors written through
 * {@link Errors}, and, for scoring endpoints, the in-flight limit. Over the limit a request is answered 503 with
 * Retry-After at once rather than queued, so a burst costs clients a retry instead of unbounded latency.
 */
final class MeteredRoute implements Handler {
    /** How much of a too-large body is read and dropped so the client sees the 413 (beyond it: a closed socket). */
    private static final long DISCARD_CAP = 64L << 20;

    private final Handler inner;
    private final ServingMetrics metrics;
    private final ServingMetrics.Endpoint endpoint;
    private final Semaphore inflight; // null: not limited (health, metadata, metrics)
    private final int limit;

    private MeteredRoute(String label, Handler inner, ServingMetrics metrics, Semaphore inflight, int limit) {
        this.inner = inner;
        this.metrics = metrics;
        this.endpoint = metrics.endpoint(label);
        this.inflight = inflight;
        this.limit = limit;
    }

    /** A cheap endpoint that is always answered (probes and scrapes must work under load). */
    static MeteredRoute open(String label, Handler inner, ServingMetrics metrics) {
        return new MeteredRoute(label, inner, metrics, null, 0);
    }

    /** A scoring endpoint sharing the {@code inflight} permits ({@code limit} of them) with the others. */
    static MeteredRoute limited(String label, Handler inner, ServingMetrics metrics, Semaphore inflight, int limit) {
        return new MeteredRoute(label, inner, metrics, inflight, limit);
    }

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        boolean admitted = false;
        try {
            if (inflight != null) {
                if (!inflight.tryAcquire()) {
                    throw new HttpError(
                            503,
                            "server busy: " + limit + " scoring requests in flight"
                                    + " (--max-inflight); retry shortly");
                }
                admitted = true;
                metrics.inflight(true);
            }
            inner.handle(ctx);
        } catch (Exception e) {
            HttpError error = Errors.toHttpError(e);
            if (error.status() == 413) {
                RequestBodies.discardRest(ctx, DISCARD_CAP);
            }
            Errors.write(ctx, error);
            endpoint.error(error.status());
        } finally {
            if (admitted) {
                inflight.release();
                metrics.inflight(false);
            }
            endpoint.record(ctx.statusCode(), System.nanoTime() - start);
        }
    }
}
