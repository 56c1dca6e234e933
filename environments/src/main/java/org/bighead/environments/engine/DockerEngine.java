package org.bighead.environments.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker engine Bighead talks to, found in this order: {@code DOCKER_HOST}, the machine's default socket
 * ({@code /var/run/docker.sock}), then Bighead's own engine ({@code ./bighead engine start}, whose socket is written to
 * {@code .bighead/engine/host}). The first that answers a ping wins.
 */
public final class DockerEngine implements AutoCloseable {
    private static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private DockerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * The first engine that answers.
     *
     * @param home the Bighead checkout (for its own engine's socket), or {@code null}
     * @throws EngineUnavailableException naming every place tried and how to start an engine
     */
    public static DockerEngine connect(Path home) {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates(home)) {
            DockerClient client = client(candidate);
            try {
                client.pingCmd().exec();
                return new DockerEngine(candidate, client);
            } catch (RuntimeException e) {
                tried.add(candidate);
                closeQuietly(client);
            }
        }
        throw new EngineUnavailableException("no Docker engine answers (tried "
                + (tried.isEmpty() ? "nothing: DOCKER_HOST is unset and no socket exists" : String.join(", ", tried))
                + "): start one with ./bighead engine start, or set DOCKER_HOST");
    }

    /** An engine at {@code host} ({@code unix:///…} or {@code tcp://…}), without a ping. */
    public static DockerEngine at(String host) {
        return new DockerEngine(host, client(host));
    }

    static List<String> candidates(Path home) {
        List<String> hosts = new ArrayList<>();
        String env = System.getenv("DOCKER_HOST");
        if (env != null && !env.isBlank()) {
            hosts.add(env);
        }
        if (Files.exists(Path.of("/var/run/docker.sock"))) {
            hosts.add(DEFAULT_SOCKET);
        }
        privateEngine(home).filter(h -> !hosts.contains(h)).ifPresent(hosts::add);
        return hosts;
    }

    /** The socket of Bighead's own engine when {@code ./bighead engine start} ran in {@code home}. */
    static Optional<String> privateEngine(Path home) {
        if (home == null) {
            return Optional.empty();
        }
        Path file = home.resolve(".bighead").resolve("engine").resolve("host");
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static DockerClient client(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    public String host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    public Info info() {
        return client.infoCmd().exec();
    }

    /** Whether an image with this reference exists in the engine. */
    public boolean hasImage(String reference) {
        return inspectImage(reference).isPresent();
    }

    public Optional<com.github.dockerjava.api.command.InspectImageResponse> inspectImage(String reference) {
        try {
            return Optional.of(client.inspectImageCmd(reference).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // closing a connection pool: nothing to do about a failure
        }
    }
}
