package org.bighead.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real server on a free port for one test, with a java.net.http client: {@code get("/v2")},
 * {@code post("/v2/models/m/predict", json)}. Every request has a deadline.
 */
final class TestServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final ServingServer server;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestServer(ServingServer server) {
        this.server = server;
    }

    /** Serves {@code bundle} with the defaults on port 0, changed by {@code config}. */
    static TestServer start(Path bundle, UnaryOperator<ServeConfig> config) {
        try {
            return new TestServer(ServingServer.start(
                    config.apply(ServeConfig.defaults().withPort(0)), new BundleFileSource(bundle)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(Path bundle) {
        return start(bundle, c -> c);
    }

    /** A response with its body as text. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JsonBodies.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** The path of the served model's endpoints, e.g. /v2/models/listing-price. */
    String model() {
        return "/v2/models/" + server.models().current().name();
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build());
    }

    Response post(String path, String json) {
        return post(path, HttpRequest.BodyPublishers.ofString(json));
    }

    Response post(String path, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(body)
                .build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {"instances": rows} as JSON. */
    static String instances(List<Map<String, Object>> rows) {
        return json(Map.of("instances", rows));
    }

    static String json(Object value) {
        try {
            return JsonBodies.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of one unlabelled metric line (such as bighead_requests_in_flight), from /metrics. */
    double metric(String line) {
        for (String l : get("/metrics").body().split("\n")) {
            if (l.startsWith(line + " ")) {
                return Double.parseDouble(l.substring(line.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    /** Waits (up to 30 s) until the number of scoring requests in flight is {@code n}. */
    void awaitInflight(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (metric("bighead_requests_in_flight") != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("in-flight never reached " + n + "; metrics:\n"
                        + get("/metrics").body());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
