package org.bighead.environments.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.bighead.environments.Environments;
import org.bighead.environments.catalog.CatalogException;
import org.bighead.environments.catalog.EnvironmentSpec;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.compute.Workload;
import org.bighead.environments.compute.WorkloadNotFoundException;
import org.bighead.environments.compute.docker.ContainerSpecs;
import org.bighead.environments.compute.docker.LocalDockerCompute;
import org.bighead.environments.engine.DockerEngine;
import org.bighead.environments.hardware.HardwareCatalog;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.environments.image.ImageBuildException;
import org.bighead.environments.image.ImagePush;
import org.bighead.environments.image.ImageSpecs.Flavor;

/**
 * The compute layer as a small HTTP service on loopback, for JupyterHub's Bighead spawner: what may be offered
 * (environments, instance types, back ends), notebook images made ready, and workloads started, watched and stopped.
 * It lives as long as the hub (which starts it from its configuration), so each spawner call costs a request, not a
 * JVM start. Every request carries the hub's shared token ({@code Authorization: Bearer TOKEN}).
 *
 * <pre>
 * GET    /api/offers                      {"backends", "environments", "instance_types": [{…, "offered_on", "unavailable"}]}
 * POST   /api/check   {environment, instance_type, backend}           200 the choice, or 400 {"error"}
 * POST   /api/images  {environment, backend}                          {"image", "status": "present"|"built", "seconds"}
 * POST   /api/workloads {backend, image, instance_type, env, labels, volumes, mounts, name, command}   201 the workload
 * GET    /api/workloads?backend=B&amp;labels={JSON}   Bighead's workloads with those labels
 * GET    /api/workloads/ID?backend=B      the workload, or 404
 * GET    /api/workloads/ID/logs?backend=B&amp;tail=N
 * DELETE /api/workloads/ID?backend=B      204 (stopped and removed; named volumes stay)
 * DELETE /api/volumes/NAME?backend=B      204, or 404 when there was none
 * </pre>
 */
public final class ComputeService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.nio.file.Path home;
    private final Supplier<Environments> environments;
    private final Map<String, Compute> backends;
    private final DockerEngine engine;
    private final String imageRegistry;
    private final byte[] token;
    private final ContainerSpecs.Host dockerHost;
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param home the Bighead checkout (its engine's image registry)
     * @param environments the catalog with the registry's derived environments, read afresh for each request
     * @param backends the configured back ends by name, the default first
     * @param engine the Docker engine images are built on, or {@code null} when there is none
     * @param imageRegistry where images are pushed for EC2 instances to pull, or {@code null}
     * @param token the shared secret every request must carry
     */
    public ComputeService(
            java.nio.file.Path home,
            Supplier<Environments> environments,
            Map<String, Compute> backends,
            DockerEngine engine,
            String imageRegistry,
            String token) {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no back end is configured: start a Docker engine (./bighead engine"
                    + " start) or configure EC2 (aws.region, ec2.ami)");
        }
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the compute service needs a token of at least 16 characters");
        }
        this.home = home;
        this.environments = environments;
        this.backends = new LinkedHashMap<>(backends);
        this.engine = engine;
        this.imageRegistry = imageRegistry;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.dockerHost = backends.get("docker") instanceof LocalDockerCompute docker ? docker.host() : null;
    }

    /** Starts listening on {@code host:port} (0: a free port); returns the base URL. */
    public URI start(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "compute-service");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/api/", this::handle);
        server.start();
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    /**
     * Loads and exercises what a spawn needs (the catalog, the hardware, each back end) on a thread of its own, so
     * that the first spawn after the hub starts is not the slow one.
     */
    public void warmUp() {
        Thread warm = new Thread(
                () -> {
                    try {
                        offers();
                        backends.values().forEach(c -> c.list(Map.of()));
                    } catch (RuntimeException e) {
                        // a back end that is down says so on the first real request
                    }
                },
                "compute-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        backends.values().forEach(Compute::close);
    }

    /** What may be offered now: the catalog (with derived environments), the types, and what each back end lacks. */
    public Offers offers() {
        Environments envs = environments.get();
        List<Offers.EnvironmentOffer> offered = new ArrayList<>();
        for (EnvironmentSpec listed : envs.catalog().list()) {
            EnvironmentSpec e = envs.effective(listed.name());
            offered.add(new Offers.EnvironmentOffer(e.name(), e.description(), e.gpu(), e.jdk(), e.from()));
        }
        List<InstanceType> types = HardwareCatalog.snapshot().list();
        Map<String, Map<String, String>> unavailable = new LinkedHashMap<>();
        if (dockerHost != null) {
            Map<String, String> reasons = new LinkedHashMap<>();
            for (InstanceType t : types) {
                ContainerSpecs.unfit(t, dockerHost).ifPresent(why -> reasons.put(t.name(), why));
            }
            unavailable.put("docker", reasons);
        }
        return new Offers(offered, types, List.copyOf(backends.keySet()), unavailable);
    }

    private void handle(HttpExchange exchange) {
        try {
            if (!authorized(exchange)) {
                send(exchange, 401, Map.of("error", "a valid token is required (Authorization: Bearer TOKEN)"));
                return;
            }
            String method = exchange.getRequestMethod();
            List<String> path = List.of(exchange.getRequestURI()
                    .getPath()
                    .replaceFirst("^/api/", "")
                    .split("/"));
            Map<String, String> query = query(exchange.getRequestURI());
            Object answer = route(method, path, query, exchange);
            if (answer instanceof Status s) {
                send(exchange, s.code(), s.body());
            } else {
                send(exchange, 200, answer);
            }
        } catch (CatalogException | IllegalArgumentException e) {
            sendQuietly(exchange, 400, e.getMessage());
        } catch (WorkloadNotFoundException e) {
            sendQuietly(exchange, 404, e.getMessage());
        } catch (ComputeException e) {
            sendQuietly(exchange, 409, e.getMessage());
        } catch (ImageBuildException e) {
            sendQuietly(exchange, 500, e.getMessage());
        } catch (RuntimeException | IOException e) {
            sendQuietly(exchange, 500, "the compute service failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private record Status(int code, Object body) {}

    private Object route(String method, List<String> path, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        String first = path.get(0);
        switch (method + " " + first + "/" + path.size()) {
            case "GET offers/1":
                return offersJson(offers());
            case "POST check/1": {
                JsonNode body = body(exchange);
                return choiceJson(
                        offers().check(text(body, "environment"), text(body, "instance_type"), text(body, "backend")));
            }
            case "POST images/1": {
                JsonNode body = body(exchange);
                return image(text(body, "environment"), backendName(text(body, "backend")));
            }
            case "POST workloads/1":
                return new Status(201, workloadJson(start(body(exchange))));
            case "GET workloads/1": {
                Map<String, String> labels = new LinkedHashMap<>();
                if (query.containsKey("labels")) {
                    JSON.readTree(query.get("labels"))
                            .properties()
                            .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                }
                return backend(query.get("backend")).list(labels).stream()
                        .map(ComputeService::workloadJson)
                        .toList();
            }
            case "GET workloads/2":
                return workloadJson(backend(query.get("backend")).status(path.get(1)));
            case "GET workloads/3":
                if (path.get(2).equals("logs")) {
                    int tail = Integer.parseInt(query.getOrDefault("tail", "100"));
                    return Map.of("logs", backend(query.get("backend")).logs(path.get(1), tail));
                }
                break;
            case "DELETE workloads/2":
                backend(query.get("backend")).stop(path.get(1));
                return new Status(204, null);
            case "DELETE volumes/2":
                return backend(query.get("backend")).deleteVolume(path.get(1))
                        ? new Status(204, null)
                        : new Status(404, Map.of("error", "no volume " + path.get(1)));
            default:
                break;
        }
        return new Status(404, Map.of("error", "no such endpoint: " + method + " /api/" + String.join("/", path)));
    }

    private String backendName(String name) {
        return name == null || name.isBlank() ? backends.keySet().iterator().next() : name;
    }

    private Compute backend(String name) {
        Compute c = backends.get(backendName(name));
        if (c == null) {
            throw new IllegalArgumentException(
                    "unknown back end '" + name + "' (valid: " + String.join(", ", backends.keySet()) + ")");
        }
        return c;
    }

    /** The environment's notebook image, built when missing; pushed to the image registry for EC2. */
    private Map<String, Object> image(String environment, String backend) throws IOException {
        if (engine == null) {
            throw new ComputeException("no Docker engine to build " + environment + "'s notebook image on");
        }
        backend(backend); // a known back end, or 400
        long t0 = System.nanoTime();
        Environments envs = environments.get();
        envs.effective(environment); // an unknown environment is a 400, not a build failure
        Environments.Built built;
        synchronized (buildLocks.computeIfAbsent(environment, k -> new Object())) {
            built = envs.build(engine, environment, List.of(Flavor.NOTEBOOK), "bighead-hub", line -> {})
                    .get(0);
        }
        String reference = built.result().reference();
        if (backend.equals("ec2")) {
            try {
                reference = ImagePush.push(engine, reference, ImagePush.registry(imageRegistry, home), line -> {});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputeException("interrupted while pushing " + reference);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", environment);
        m.put("image", reference);
        m.put("image_id", built.result().imageId());
        m.put("status", built.result().upToDate() ? "present" : "built");
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return m;
    }

    private Workload start(JsonNode body) {
        String backend = backendName(text(body, "backend"));
        String typeName = text(body, "instance_type");
        InstanceType type = HardwareCatalog.snapshot()
                .find(typeName == null ? "" : typeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown instance type '" + typeName + "'"));
        String image = text(body, "image");
        if (image == null) {
            throw new IllegalArgumentException("no image given");
        }
        LaunchSpec.Builder launch = LaunchSpec.builder(image, type).name(text(body, "name"));
        List<String> command = new ArrayList<>();
        body.path("command").forEach(c -> command.add(c.asText()));
        launch.command(command);
        body.path("env")
                .properties()
                .forEach(e -> launch.env(e.getKey(), e.getValue().asText()));
        body.path("labels")
                .properties()
                .forEach(e -> launch.label(e.getKey(), e.getValue().asText()));
        body.path("volumes")
                .properties()
                .forEach(e -> launch.volume(e.getKey(), e.getValue().asText()));
        for (JsonNode m : body.path("mounts")) {
            launch.mount(m.path("path").asText(), m.path("read_only").asBoolean(true));
        }
        return backend(backend).start(launch.build());
    }

    static Map<String, Object> offersJson(Offers offers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backends", offers.backends());
        m.put("environments", offers.environments());
        List<Map<String, Object>> types = new ArrayList<>();
        for (InstanceType t : offers.instanceTypes()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = JSON.convertValue(t, LinkedHashMap.class);
            List<String> on = new ArrayList<>();
            Map<String, String> not = new LinkedHashMap<>();
            for (String b : offers.backends()) {
                offers.unavailable(b, t.name()).ifPresentOrElse(why -> not.put(b, why), () -> on.add(b));
            }
            row.put("offered_on", on);
            row.put("unavailable", not);
            types.add(row);
        }
        m.put("instance_types", types);
        return m;
    }

    static Map<String, Object> choiceJson(Offers.Choice choice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", choice.environment().name());
        m.put("instance_type", choice.instanceType().name());
        m.put("backend", choice.backend());
        m.put("gpu", choice.instanceType().hasGpu());
        return m;
    }

    /** A workload as the compute CLI prints it ({@code ./bighead compute status --json}). */
    public static Map<String, Object> workloadJson(Workload w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("backend", w.backend());
        m.put("name", w.name());
        m.put("image", w.image());
        m.put("instance_type", w.instanceType());
        m.put("state", w.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("exit_code", w.exitCode());
        m.put("address", w.address());
        m.put("labels", w.labels());
        return m;
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return false;
        }
        String given = header.replaceFirst("^(?i)(bearer|token)\\s+", "");
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(1 << 20);
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void sendQuietly(HttpExchange exchange, int code, String message) {
        try {
            send(exchange, code, Map.of("error", message == null ? "(no message)" : message));
        } catch (IOException ignored) {
            // the caller went away
        }
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
