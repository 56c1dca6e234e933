package org.bighead.serving;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.bighead.http.HttpError;
import org.bighead.http.HttpMethods;
import org.bighead.http.JsonErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Deep Thought, the online serving runtime: one model from a {@link ModelSource}, served over HTTP with the Open
 * Inference Protocol (KServe v2), a records endpoint, Prometheus metrics and an OpenAPI document. This class wires
 * the parts; every endpoint lives in its own class. {@link #close()} stops accepting, lets requests in flight
 * finish (up to the drain timeout) and then returns.
 */
public final class ServingServer implements AutoCloseable {
    private final Javalin app;
    private final ModelHolder models;
    private final ServeConfig config;
    private final List<String> routes;

    private ServingServer(Javalin app, ModelHolder models, ServeConfig config, List<String> routes) {
        this.app = app;
        this.models = models;
        this.config = config;
        this.routes = routes;
    }

    /** Loads the source's current model, then listens; returns once requests are answered. */
    public static ServingServer start(ServeConfig config, ModelSource source) throws IOException {
        ServingMetrics metrics = new ServingMetrics();
        ModelHolder models =
                ModelHolder.open(source, config.strict(), config.maxInflight(), config.poll(), metrics::serving);
        metrics.serving(null, models.current());
        List<String> routes = Collections.synchronizedList(new ArrayList<>());
        Javalin app = Javalin.create(c -> configure(c, config, models, metrics, routes));
        try {
            app.start();
        } catch (RuntimeException e) {
            models.close();
            throw new IOException(
                    "cannot listen on " + config.host() + ":" + config.port() + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        return new ServingServer(app, models, config, List.copyOf(routes));
    }

    private static void configure(
            JavalinConfig c, ServeConfig config, ModelHolder models, ServingMetrics metrics, List<String> routes) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        c.http.maxRequestSize = config.maxBodyBytes();
        c.http.prefer405over404 = true;
        c.jetty.modifyServer(server -> {
            // graceful stop: close the connectors, wait for requests in flight, then stop
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(config.drainTimeout().toMillis());
            // errors Jetty answers itself, before routing (a bad escape in the path): our JSON, no HTML or stack
            server.setErrorHandler(new JsonErrorHandler());
        });
        c.events.handlerAdded(h -> routes.add(h.getHttpMethod() + " " + h.getPath()));

        long maxBody = config.maxBodyBytes();
        Semaphore inflight = new Semaphore(config.maxInflight());
        MetadataEndpoints meta = new MetadataEndpoints(models);
        Handler records = new RecordsEndpoint(models, metrics, maxBody);
        Handler infer = new InferEndpoint(models, metrics, maxBody);
        OpenApiDocument openApi = new OpenApiDocument(config.referenceEndpoint());

        var r = c.routes;
        // HEAD runs the GET handler: the same status and headers, no body
        HttpMethods.getAndHead(r, "/v2/health/live", MeteredRoute.open("/v2/health/live", meta::live, metrics));
        HttpMethods.getAndHead(r, "/v2/health/ready", MeteredRoute.open("/v2/health/ready", meta::ready, metrics));
        HttpMethods.getAndHead(r, "/v2", MeteredRoute.open("/v2", meta::server, metrics));
        for (String base : List.of("/v2/models/{name}", "/v2/models/{name}/versions/{version}")) {
            HttpMethods.getAndHead(r, base, MeteredRoute.open(base, meta::model, metrics));
            HttpMethods.getAndHead(r, base + "/ready", MeteredRoute.open(base + "/ready", meta::modelReady, metrics));
            String inferPath = base + "/infer";
            r.post(inferPath, MeteredRoute.limited(inferPath, infer, metrics, inflight, config.maxInflight()));
            String predictPath = base + "/predict";
            r.post(predictPath, MeteredRoute.limited(predictPath, records, metrics, inflight, config.maxInflight()));
        }
        HttpMethods.getAndHead(
                r,
                "/metrics",
                MeteredRoute.open(
                        "/metrics",
                        ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()),
                        metrics));
        HttpMethods.getAndHead(
                r,
                "/openapi.json",
                MeteredRoute.open(
                        "/openapi.json",
                        ctx -> ctx.contentType("application/json").result(openApi.json(models.current())),
                        metrics));
        if (config.referenceEndpoint()) {
            r.post(
                    "/reference/constant",
                    MeteredRoute.limited(
                            "/reference/constant",
                            new ConstantEndpoint(maxBody),
                            metrics,
                            inflight,
                            config.maxInflight()));
        }
        // requests no route takes (unknown path, wrong method) and anything a handler let escape: the same JSON
        ServingMetrics.Endpoint unmatched = metrics.endpoint("unmatched");
        ExceptionHandler<Exception> fallback = (e, ctx) -> {
            HttpError error =
                    e instanceof HttpResponseException h ? HttpMethods.methodNotAllowed(ctx, h) : Errors.toHttpError(e);
            Errors.write(ctx, error);
            unmatched.record(error.status(), 0);
            unmatched.error(error.status());
        };
        r.exception(HttpResponseException.class, fallback);
        r.exception(Exception.class, fallback);
    }

    /** The port listened on (the chosen one when the config said 0). */
    public int port() {
        return app.port();
    }

    /** The base URL, such as http://127.0.0.1:8080. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /** The model holder: the current version and its hot swap. */
    public ModelHolder models() {
        return models;
    }

    /** Every route as "METHOD /path/{param}", in registration order. */
    public List<String> routes() {
        return routes;
    }

    /** Stops accepting, lets requests in flight finish (up to the drain timeout), stops polling. */
    @Override
    public void close() {
        app.stop();
        models.close();
    }
}
