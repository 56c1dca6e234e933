package org.bighead.registry.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The registry's REST API (registry/API.md) in Java. Every failure is a {@link RegistryException} carrying the
 * server's status and message. Thread-safe; one instance per registry.
 */
public final class RegistryClient {
    /** Where the registry runs when {@code BIGHEAD_REGISTRY_URL} is not set. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8470";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** How long an API call may wait for its answer, and a download for its headers, by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Uploads get {@link #timeout} plus one second per this many bytes: slow links still finish big bundles. */
    private static final long UPLOAD_BYTES_PER_SECOND = 1L << 20;

    private final String url;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /** A client of the registry at {@code url}; {@code token} may be null for reads. */
    public RegistryClient(String url, String token) {
        this(url, token, DEFAULT_TIMEOUT);
    }

    /**
     * A client whose requests give up after {@code timeout}: the whole answer of an API call, the response
     * headers of a download (the bundle itself then streams as long as it takes), and for an upload
     * {@code timeout} plus one second per MiB of bundle.
     */
    public RegistryClient(String url, String token, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .build();
    }

    /** A client configured from {@code BIGHEAD_REGISTRY_URL} and {@code BIGHEAD_REGISTRY_TOKEN}. */
    public static RegistryClient fromEnvironment() {
        String url = System.getenv("BIGHEAD_REGISTRY_URL");
        return new RegistryClient(
                url == null || url.isBlank() ? DEFAULT_URL : url, System.getenv("BIGHEAD_REGISTRY_TOKEN"));
    }

    /** The registry's base URL. */
    public String url() {
        return url;
    }

    /** Every model, by name. */
    public List<Model> models() {
        return read(get("/api/models"), "models", new TypeReference<List<Model>>() {});
    }

    /** One model with its versions, newest first. */
    public Model model(String name) {
        return read(get(modelPath(name)), null, new TypeReference<Model>() {});
    }

    /** Creates an empty model (409 if it exists). */
    public Model createModel(String name, String description) {
        ObjectNode body =
                JSON.createObjectNode().put("name", name).put("description", description == null ? "" : description);
        return read(send(jsonRequest("/api/models", "POST", body)), null, new TypeReference<Model>() {});
    }

    /**
     * Uploads a bundle as the next version of {@code name} (the model is created if new); when a version of the model
     * already has these bytes, that version is returned and nothing new is stored (see the four-argument form).
     */
    public Version register(String name, Path bundle, VersionInfo info) {
        return register(name, bundle, info, false).version();
    }

    /**
     * Uploads a bundle as the next version of {@code name} (the model is created if new). When a version of the model
     * already has the same bytes, the registry answers with it ({@link Registered#existing()}) unless {@code force}
     * asks for a new version anyway. The file is streamed, and its SHA-256, computed here first, lets the server
     * refuse bytes damaged on the way.
     */
    public Registered register(String name, Path bundle, VersionInfo info, boolean force) {
        VersionInfo given = info == null ? VersionInfo.empty() : info;
        String sha256;
        try {
            sha256 = sha256(bundle);
        } catch (IOException e) {
            throw new RegistryException(0, "cannot read bundle " + bundle + ": " + e.getMessage());
        }
        ObjectNode infoJson = JSON.valueToTree(given);
        infoJson.put("sha256", sha256);
        if (force) {
            infoJson.put("force", true);
        }
        String boundary = "bighead-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"info\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + infoJson + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"bundle\"; filename=\"" + safeFileName(bundle) + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher file;
        long size;
        try {
            file = HttpRequest.BodyPublishers.ofFile(bundle);
            size = Files.size(bundle);
        } catch (IOException e) {
            throw new RegistryException(0, "cannot read bundle " + bundle + ": " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                file,
                HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        // no Expect: 100-continue: Java 17's HttpClient hangs when the answer to it is a refusal (JDK-8286171);
        // the server reads the body before refusing instead, so a 401/403 arrives intact
        HttpRequest.Builder req = request(modelPath(name) + "/versions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(timeout.plusSeconds(size / UPLOAD_BYTES_PER_SECOND))
                .POST(body);
        JsonNode answer = send(req);
        Version version = read(answer, null, new TypeReference<Version>() {});
        return new Registered(version, answer.path("existing").asBoolean(false));
    }

    /** One version. */
    public Version version(String name, int version) {
        return read(get(modelPath(name) + "/versions/" + version), null, new TypeReference<Version>() {});
    }

    /**
     * Deletes a version nothing points at (an export rolling back the version it registered); 409 while an alias
     * names it. Its number is never given again.
     */
    public void deleteVersion(String name, int version) {
        send(request(modelPath(name) + "/versions/" + version).DELETE());
    }

    /** Every version of a model, newest first. */
    public List<Version> versions(String name) {
        return read(get(modelPath(name) + "/versions"), "versions", new TypeReference<List<Version>>() {});
    }

    /** The version a reference means now: a number, what an alias points at, or the latest. */
    public Version resolve(ModelRef ref) {
        if (ref.version() != null) {
            return version(ref.model(), ref.version());
        }
        if (ref.alias() != null) {
            return version(ref.model(), alias(ref.model(), ref.alias()));
        }
        Model model = model(ref.model());
        if (model.latestVersion() == null) {
            throw new RegistryException(404, "model '" + ref.model() + "' has no versions yet");
        }
        return version(ref.model(), model.latestVersion());
    }

    /**
     * Downloads a version's bundle to {@code target}: written next to it under a temporary name, checked against
     * the server's X-Bighead-SHA256, then moved into place, so {@code target} is never half-written.
     */
    public Path download(String name, int version, Path target) {
        HttpResponse<InputStream> response = sendStreaming(
                request(modelPath(name) + "/versions/" + version + "/bundle").GET());
        String expected = response.headers().firstValue("X-Bighead-SHA256").orElse(null);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try (InputStream in = response.body()) {
            if (expected == null) {
                throw new RegistryException(502, "the registry sent the bundle without its X-Bighead-SHA256 header");
            }
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            MessageDigest digest = sha256Digest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expected)) {
                throw new RegistryException(
                        502,
                        "bundle " + name + "/" + version + " arrived damaged: SHA-256 " + actual
                                + ", the registry says " + expected);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return target;
        } catch (IOException e) {
            throw new RegistryException(
                    0, "download of " + name + "/" + version + " to " + target + " failed: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the .part file is clearly named
                }
            }
        }
    }

    /** Every alias of a model and the version it points at. */
    public Map<String, Integer> aliases(String name) {
        return read(get(modelPath(name) + "/aliases"), "aliases", new TypeReference<Map<String, Integer>>() {});
    }

    /** The version an alias points at now (404 if it points nowhere). */
    public int alias(String name, String alias) {
        return get(modelPath(name) + "/aliases/" + encode(alias))
                .path("version")
                .asInt();
    }

    /** The version an alias pointed at at an instant (404 if none). */
    public int aliasAt(String name, String alias, Instant at) {
        return get(modelPath(name) + "/aliases/" + encode(alias) + "?at=" + encode(at.toString()))
                .path("version")
                .asInt();
    }

    /** Points an alias at a version, recording who and why. */
    public AliasMove setAlias(String name, String alias, int version, String reason) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        if (reason != null) {
            body.put("reason", reason);
        }
        return read(
                send(jsonRequest(modelPath(name) + "/aliases/" + encode(alias), "PUT", body)),
                null,
                new TypeReference<AliasMove>() {});
    }

    /** Removes an alias (the move to null is kept in its history). */
    public AliasMove deleteAlias(String name, String alias) {
        return read(
                send(request(modelPath(name) + "/aliases/" + encode(alias)).DELETE()),
                null,
                new TypeReference<AliasMove>() {});
    }

    /** Every alias move of a model, oldest first. */
    public List<AliasMove> aliasHistory(String name) {
        return aliasHistory(name, null);
    }

    /** The moves of one alias (every alias when null), oldest first. */
    public List<AliasMove> aliasHistory(String name, String alias) {
        String query = alias == null ? "" : "?alias=" + encode(alias);
        return read(
                get(modelPath(name) + "/aliases/history" + query), "moves", new TypeReference<List<AliasMove>>() {});
    }

    /** Metrics and params of versions side by side. */
    public Comparison compare(String name, int... versions) {
        String list = Arrays.stream(versions).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return read(get(modelPath(name) + "/compare?versions=" + list), null, new TypeReference<Comparison>() {});
    }

    /** Records (or updates, for the same target) where a version runs. */
    public Deployment recordDeployment(
            String name, int version, String alias, String target, String kind, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("alias", alias);
        body.put("target", target);
        body.put("kind", kind);
        body.put("status", status);
        return read(
                send(jsonRequest(modelPath(name) + "/deployments", "POST", JSON.valueToTree(body))),
                null,
                new TypeReference<Deployment>() {});
    }

    /** Every deployment of every model. */
    public List<Deployment> deployments() {
        return read(get("/api/deployments"), "deployments", new TypeReference<List<Deployment>>() {});
    }

    /** The deployments of one model. */
    public List<Deployment> deployments(String name) {
        return read(get(modelPath(name) + "/deployments"), "deployments", new TypeReference<List<Deployment>>() {});
    }

    /** Every deployment recorded for a model, oldest first. */
    public List<DeploymentEvent> deploymentHistory(String name) {
        return deploymentHistory(name, null);
    }

    /** The deployments recorded at one target (at every target when null), oldest first. */
    public List<DeploymentEvent> deploymentHistory(String name, String target) {
        String query = target == null ? "" : "?target=" + encode(target);
        return read(
                get(modelPath(name) + "/deployments/history" + query),
                "events",
                new TypeReference<List<DeploymentEvent>>() {});
    }

    /** Every derived environment in the registry, by name. */
    public List<EnvironmentRecord> environments() {
        return read(get("/api/environments"), "environments", new TypeReference<List<EnvironmentRecord>>() {});
    }

    /** One derived environment (404 if the registry has none of that name). */
    public EnvironmentRecord environment(String name) {
        return read(get(environmentPath(name)), null, new TypeReference<EnvironmentRecord>() {});
    }

    /**
     * Stores a derived environment, not built yet (409 if the name is taken, 400 for a name the registry refuses).
     * {@code spec} is kept as given (a JSON object of at most 64 KiB); the registry records the token's user as its
     * creator.
     */
    public EnvironmentRecord createEnvironment(String name, String from, String description, Map<String, ?> spec) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("from", from);
        if (description != null) {
            body.put("description", description);
        }
        body.set("spec", JSON.valueToTree(spec));
        return read(
                send(jsonRequest("/api/environments", "POST", body)), null, new TypeReference<EnvironmentRecord>() {});
    }

    /**
     * Records the image built for an environment (a rebuild replaces it): its reference, its digest
     * ({@code sha256:…}), the hash of the spec it was built from and the Bighead version inside ({@code null}
     * if unknown).
     */
    public EnvironmentRecord recordEnvironmentImage(
            String name, String image, String digest, String specHash, String bigheadVersion) {
        ObjectNode body = JSON.createObjectNode()
                .put("image", image)
                .put("digest", digest)
                .put("spec_hash", specHash);
        if (bigheadVersion != null) {
            body.put("bighead_version", bigheadVersion);
        }
        return read(
                send(jsonRequest(environmentPath(name) + "/image", "PUT", body)),
                null,
                new TypeReference<EnvironmentRecord>() {});
    }

    /** Deletes a derived environment (404 if unknown, 409 while another environment derives from it). */
    public void deleteEnvironment(String name) {
        send(request(environmentPath(name)).DELETE());
    }

    /** Every scheduled job, by name, with its next and latest run. */
    public List<Job> listJobs() {
        return read(get("/api/jobs"), "jobs", new TypeReference<List<Job>>() {});
    }

    /** One job with its next and latest run (404 if unknown). */
    public Job getJob(String name) {
        return read(get(jobPath(name)), null, new TypeReference<Job>() {});
    }

    /** A job's runs, newest logical time first, at most {@code limit} (1-1000; 404 if the job is unknown). */
    public List<JobRun> listJobRuns(String name, int limit) {
        return read(get(jobPath(name) + "/runs?limit=" + limit), "runs", new TypeReference<List<JobRun>>() {});
    }

    /**
     * Every scheduled job as the registry's JSON, by name (for printing as it came: {@code --json}); {@link
     * #listJobs()} gives them typed.
     */
    public JsonNode jobs() {
        return get("/api/jobs").path("jobs");
    }

    /** One job with its next and latest run as the registry's JSON (404 if unknown); {@link #getJob} is typed. */
    public JsonNode job(String name) {
        return get(jobPath(name));
    }

    /**
     * Creates a job from its fields (name, kind, model, schedule, timeZone, input, output, metric, promoteTo,
     * margin, notebook, catchUp, maxRetries, timeoutSeconds); a 400 names what is wrong and nothing is created.
     */
    public JsonNode createJob(ObjectNode fields) {
        return send(jsonRequest("/api/jobs", "POST", fields));
    }

    /** Queues a run of a job now; the registry's scheduler starts it within a second or so. */
    public JsonNode runJob(String name) {
        return send(request(jobPath(name) + "/runs").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Asks for a job's run at {@code logicalTime} (ISO-8601 with an offset): queued when new, queued again when it
     * failed or was interrupted, else answered as it is (queued, running or succeeded): a time never runs twice.
     */
    public JsonNode runJob(String name, String logicalTime) {
        ObjectNode body = JSON.createObjectNode().put("logicalTime", logicalTime);
        return send(jsonRequest(jobPath(name) + "/runs", "POST", body));
    }

    /** A job's runs as the registry's JSON, newest first, at most {@code limit}; {@link #listJobRuns} is typed. */
    public JsonNode jobRuns(String name, int limit) {
        return get(jobPath(name) + "/runs?limit=" + limit).path("runs");
    }

    /** Pauses ({@code true}) or resumes a job's schedule; answers the job. */
    public JsonNode pauseJob(String name, boolean pause) {
        return send(request(jobPath(name) + (pause ? "/pause" : "/resume")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Deletes a job and its runs (404 if unknown). */
    public void deleteJob(String name) {
        send(request(jobPath(name)).DELETE());
    }

    /** Creates a token for {@code user} with scope "read" or "write"; the token is shown only this once. */
    public String createToken(String user, String scope) {
        ObjectNode body = JSON.createObjectNode().put("user", user).put("scope", scope);
        return send(jsonRequest("/api/tokens", "POST", body)).path("token").asText();
    }

    // --- HTTP -------------------------------------------------------------------------------------------

    private static String modelPath(String name) {
        return "/api/models/" + encode(name);
    }

    private static String jobPath(String name) {
        return "/api/jobs/" + encode(name);
    }

    private static String environmentPath(String name) {
        return "/api/environments/" + encode(name);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String safeFileName(Path bundle) {
        return bundle.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private HttpRequest.Builder request(String path) {
        // Java's HttpClient applies this timeout until the response headers arrive; for byte-array answers
        // (every API call) that is nearly the whole exchange, for a streamed download just its start
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpRequest.Builder jsonRequest(String path, String method, JsonNode body) {
        return request(path)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    private JsonNode get(String path) {
        return send(request(path).GET());
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest req = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(req, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(0, "interrupted while waiting for the registry at " + url);
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(502, "the registry at " + url + " answered something that is not JSON");
        }
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest.Builder builder) {
        HttpRequest req = builder.build();
        try {
            HttpResponse<InputStream> response = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                try (InputStream in = response.body()) {
                    throw error(response.statusCode(), in.readNBytes(64 * 1024));
                }
            }
            return response;
        } catch (IOException e) {
            throw unreachable(req, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(0, "interrupted while waiting for the registry at " + url);
        }
    }

    private RegistryException unreachable(HttpRequest req, IOException e) {
        if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
            Duration limit = req.timeout().orElse(timeout);
            return new RegistryException(
                    0,
                    "the registry at " + url + " accepted " + req.method() + " " + req.uri()
                            + " but did not answer within " + limit.toMillis() / 1000.0
                            + " s; is it overloaded or stuck?");
        }
        return new RegistryException(
                0,
                "cannot reach the registry at " + url + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); is it running? set BIGHEAD_REGISTRY_URL");
    }

    private static RegistryException error(int status, byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return new RegistryException(status, node.get("error").asText());
            }
        } catch (IOException ignored) {
            // not our JSON error shape: fall through to the status line
        }
        return new RegistryException(status, "the registry answered HTTP " + status);
    }

    private static <T> T read(JsonNode node, String field, TypeReference<T> type) {
        try {
            return JSON.readerFor(type).readValue(field == null ? node : node.path(field));
        } catch (IOException e) {
            // Jackson's message speaks of its own classes; the user needs to know the answer had another shape
            throw new RegistryException(
                    502,
                    "unexpected answer from the registry: it does not have the shape this"
                            + " client expects (is the registry a different version of Bighead?)");
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The lowercase hex SHA-256 of a file, read as a stream. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
