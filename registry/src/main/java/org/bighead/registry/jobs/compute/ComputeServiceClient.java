package org.bighead.registry.jobs.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bighead.registry.Json;

/**
 * {@link JobCompute} over the compute service's HTTP API ({@code ./bighead compute serve}: {@code POST
 * /api/workloads}, {@code GET /api/workloads/ID}, {@code …/logs}, {@code DELETE /api/workloads/ID}), on one back
 * end. The service is a shared one ({@code jobs.compute-url}, e.g. the hub's) or the registry's own child ({@link
 * ComputeServiceProcess}), started at the first run that needs it.
 */
public final class ComputeServiceClient implements JobCompute {
    /** Where the service is and its token. */
    public record Endpoint(URI url, String token) {}

    /** Finds (or starts) the service; called once, at the first request. */
    @FunctionalInterface
    public interface Connector {
        Endpoint connect() throws IOException, InterruptedException;
    }

    private final String backend;
    private final Connector connector;
    private final AutoCloseable owned;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Endpoint endpoint;

    /**
     * A client of the service {@code connector} finds, for {@code backend}; {@code owned} (or null) is closed with
     * it.
     */
    public ComputeServiceClient(String backend, Connector connector, AutoCloseable owned) {
        this.backend = backend;
        this.connector = connector;
        this.owned = owned;
    }

    /** A client of a running service. */
    public static ComputeServiceClient of(String backend, URI url, String token) {
        Endpoint e = new Endpoint(url, token);
        return new ComputeServiceClient(backend, () -> e, null);
    }

    /** A client of the registry's own service, started by {@code process} at the first request. */
    public static ComputeServiceClient own(ComputeServiceProcess process) {
        return new ComputeServiceClient(process.backend(), process::start, process);
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public String start(JobWorkload w) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("backend", backend);
        body.put("image", w.image());
        body.put("instance_type", w.instanceType());
        body.put("name", w.name());
        w.command().forEach(body.putArray("command")::add);
        ObjectNode env = body.putObject("env");
        w.env().forEach(env::put);
        ObjectNode labels = body.putObject("labels");
        w.labels().forEach(labels::put);
        for (JobWorkload.Mount m : w.mounts()) {
            body.withArray("mounts").addObject().put("path", m.path()).put("read_only", m.readOnly());
        }
        return call("POST", "/api/workloads", Json.text(body)).path("id").asText();
    }

    @Override
    public State status(String id) {
        JsonNode w = call("GET", "/api/workloads/" + enc(id) + "?backend=" + enc(backend), null);
        if (w == null) {
            return null;
        }
        return new State(
                w.path("state").asText("unknown"),
                w.path("exit_code").isInt() ? w.path("exit_code").asInt() : null);
    }

    @Override
    public String logs(String id, int lines) {
        JsonNode answer =
                call("GET", "/api/workloads/" + enc(id) + "/logs?backend=" + enc(backend) + "&tail=" + lines, null);
        return answer == null ? "" : answer.path("logs").asText("");
    }

    @Override
    public void stop(String id) {
        call("DELETE", "/api/workloads/" + enc(id) + "?backend=" + enc(backend), null);
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // closing at shutdown: nothing to report to
            }
        }
    }

    /** The answer's JSON; null for 204 and 404 (gone); a {@link JobComputeException} with the service's words. */
    private JsonNode call(String method, String path, String body) {
        Endpoint e = endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(e.url().resolve(path))
                .timeout(Duration.ofMinutes(2)) // a start may pull an image
                .header("Authorization", "Bearer " + e.token())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException x) {
            throw new JobComputeException("the compute service at " + e.url() + " did not answer: " + x, x);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new JobComputeException("interrupted while calling the compute service", x);
        }
        if (r.statusCode() == 204 || (r.statusCode() == 404 && !method.equals("POST"))) {
            return null;
        }
        JsonNode answer;
        try {
            answer = r.body().isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(r.body());
        } catch (IOException x) {
            answer = Json.MAPPER.createObjectNode().put("error", r.body());
        }
        if (r.statusCode() >= 300) {
            throw new JobComputeException(
                    answer.path("error").asText("the compute service answered " + r.statusCode()));
        }
        return answer;
    }

    private synchronized Endpoint endpoint() {
        if (endpoint == null) {
            try {
                endpoint = connector.connect();
            } catch (IOException e) {
                throw new JobComputeException(e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobComputeException("interrupted while starting the compute service", e);
            }
        }
        return endpoint;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
