package org.bighead.registry.jobs.compute;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bighead.registry.Json;

/**
 * The registry's own compute service: {@code bighead compute serve --backends B --parent-pid REGISTRY} on a free
 * loopback port with a fresh token (as the hub starts its own), its log in {@code DATA/compute-service.log}. It ends
 * with the registry: closed here, and by itself when the registry's process is gone.
 */
public final class ComputeServiceProcess implements AutoCloseable {
    private final List<String> launcher;
    private final String backend;
    private final Path log;
    private Process process;

    /** {@code launcher} runs {@code bighead}; the service offers {@code backend}. */
    public ComputeServiceProcess(List<String> launcher, String backend, Path log) {
        this.launcher = List.copyOf(launcher);
        this.backend = backend;
        this.log = log;
    }

    public String backend() {
        return backend;
    }

    /** Starts it and waits for its {@code {"url": …}} line (at most two minutes: a cold JVM, an engine to find). */
    synchronized ComputeServiceClient.Endpoint start() throws IOException, InterruptedException {
        String token = HexFormat.of().formatHex(randomBytes());
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                "compute",
                "serve",
                "--backends",
                backend,
                "--parent-pid",
                Long.toString(ProcessHandle.current().pid())));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("BIGHEAD_COMPUTE_TOKEN", token); // never on the command line
        process = pb.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("{") && line.contains("\"url\"")) {
                        JsonNode answer = Json.MAPPER.readTree(line);
                        drain(out);
                        return URI.create(answer.path("url").asText());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        URI url;
        try {
            url = ready.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            url = null;
        } catch (InterruptedException e) {
            close();
            throw e;
        }
        if (url == null) {
            close();
            throw new IOException("the compute service (" + String.join(" ", command) + ") did not start: "
                    + lastLines(log) + " (its log: " + log + ")");
        }
        return new ComputeServiceClient.Endpoint(url, token);
    }

    /** Stops the service: TERM, then KILL after 10 s. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** Reads the rest of the service's output so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(
                () -> {
                    try (out) {
                        while (out.readLine() != null) {
                            // nothing: the service prints one line, its log goes to the file
                        }
                    } catch (IOException ignored) {
                        // it ended
                    }
                },
                "compute-service-out");
        t.setDaemon(true);
        t.start();
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
