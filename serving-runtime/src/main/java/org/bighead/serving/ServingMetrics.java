package org.bighead.serving;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Prometheus metrics. Label children are looked up once per endpoint (and per status the first time
 * it occurs), so a request pays a couple of atomic adds, not a label-map lookup.
 */
public final class ServingMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests = Counter.builder()
            .name("bighead_requests_total")
            .help("HTTP requests by endpoint and status")
            .labelNames("endpoint", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("bighead_request_duration_seconds")
            .help("Time from handler start to response written, by endpoint")
            .labelNames("endpoint")
            .classicOnly()
            .classicUpperBounds(
                    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
            .register(registry);
    private final Counter errors = Counter.builder()
            .name("bighead_errors_total")
            .help("Requests answered with an error, by endpoint and kind")
            .labelNames("endpoint", "kind")
            .register(registry);
    private final Counter rows = Counter.builder()
            .name("bighead_rows_scored_total")
            .help("Rows scored, by model and version")
            .labelNames("model", "version")
            .register(registry);
    private final Gauge inflight = Gauge.builder()
            .name("bighead_requests_in_flight")
            .help("Scoring requests being handled now")
            .register(registry);
    private final Gauge modelInfo = Gauge.builder()
            .name("bighead_model_info")
            .help("The model version serving requests (value 1)")
            .labelNames("model", "version", "sha256")
            .register(registry);
    private final Counter swaps = Counter.builder()
            .name("bighead_model_swaps_total")
            .help("Times a new model version replaced the served one")
            .labelNames("model")
            .register(registry);

    /** The metrics of one endpoint, to keep in its handler. */
    public final class Endpoint {
        private final String name;
        private final DistributionDataPoint duration;
        private final ConcurrentHashMap<Integer, CounterDataPoint> byStatus = new ConcurrentHashMap<>();

        private Endpoint(String name) {
            this.name = name;
            this.duration = latency.labelValues(name);
        }

        /** One finished request. */
        public void record(int status, long nanos) {
            byStatus.computeIfAbsent(status, s -> requests.labelValues(name, Integer.toString(s)))
                    .inc();
            duration.observe(nanos / 1e9);
        }

        /** One request answered with an error of {@code status}. */
        public void error(int status) {
            errors.labelValues(name, kind(status)).inc();
        }
    }

    /** Metrics for the endpoint labelled {@code name} (a route template such as /v2/models/{name}/infer). */
    public Endpoint endpoint(String name) {
        return new Endpoint(name);
    }

    /** {@code count} rows scored by {@code model}. */
    public void rowsScored(LoadedModel model, int count) {
        rows.labelValues(model.name(), model.version()).inc(count);
    }

    /** A scoring request started (true) or ended (false). */
    public void inflight(boolean started) {
        inflight.inc(started ? 1 : -1);
    }

    /** The served model changed from {@code old} (null at start) to {@code now}. */
    public void serving(LoadedModel old, LoadedModel now) {
        modelInfo
                .labelValues(now.name(), now.version(), now.resolved().sha256())
                .set(1);
        if (old != null) {
            modelInfo.remove(old.name(), old.version(), old.resolved().sha256());
            swaps.labelValues(now.name()).inc();
        }
    }

    /** Everything in the Prometheus text format. */
    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    private static String kind(int status) {
        return switch (status) {
            case 400 -> "bad_input";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 503 -> "overloaded";
            default -> status >= 500 ? "internal" : "client_error";
        };
    }
}
