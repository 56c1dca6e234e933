package org.bighead.productionize.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.Version;

/**
 * A {@code bighead serve} process on this machine that outlives whoever started it: a new session ({@code setsid}),
 * so neither the terminal's Ctrl-C nor a kernel's process group reaches it; input from {@code /dev/null} and output
 * to {@code deployments/NAME.log}, so nothing ties it to the caller's pipes. It follows the reference it was given
 * (an alias's moves swap the model in place) and records itself in the registry as {@code serve} does.
 */
final class LocalProcessTarget implements DeploymentTarget {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final DeploymentState state;
    private final Supplier<ServeLauncher> launcher;
    private final String registryUrl;
    private final String registryToken;
    private final Duration readyTimeout;

    LocalProcessTarget(
            DeploymentState state,
            Supplier<ServeLauncher> launcher,
            String registryUrl,
            String registryToken,
            Duration readyTimeout) {
        this.state = state;
        this.launcher = launcher;
        this.registryUrl = registryUrl;
        this.registryToken = registryToken;
        this.readyTimeout = readyTimeout;
    }

    @Override
    public Deployment start(DeploymentRequest request, Version version, Listener listener) {
        long t0 = System.nanoTime();
        int port = request.port() != null ? Ports.requireFree(request.port()) : Ports.free();
        String url = "http://127.0.0.1:" + port;
        Path log = state.logFile(request.name());
        ProcessBuilder builder = new ProcessBuilder(
                        detached(launcher.get().command(request.model(), port, registryUrl)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("BIGHEAD_REGISTRY_URL", registryUrl);
        if (!request.classpath().isEmpty()) { // the launcher appends them after Bighead's own jars
            builder.environment()
                    .put(
                            "BIGHEAD_EXTRA_CLASSPATH",
                            request.classpath().stream()
                                    .map(Path::toString)
                                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
        }
        if (registryToken != null) {
            builder.environment().put("BIGHEAD_REGISTRY_TOKEN", registryToken); // serve records its own swaps
        }
        ProcessHandle process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start().toHandle();
        } catch (IOException e) {
            throw new DeploymentException(
                    "could not start " + String.join(" ", builder.command()) + ": " + e.getMessage());
        }
        Deployment deployment = new Deployment(
                request.name(),
                Target.LOCAL.label(),
                version.model(),
                request.model(),
                version.version(),
                url,
                Deployment.endpointOf(url, version.model()),
                port,
                process.pid(),
                process.info().startInstant().map(Instant::toString).orElse(null),
                null,
                null,
                null,
                null,
                log.toString(),
                registryUrl,
                Instant.now().toString(),
                "running");
        try {
            state.save(deployment); // saved before the wait, so a caller killed meanwhile leaves something to stop
            listener.step(new Listener.Step(
                    "start", "started bighead serve " + request.model() + " (pid " + process.pid() + ")", 0));
            Readiness.await(
                    url,
                    readyTimeout,
                    () -> process.isAlive()
                            ? Optional.empty()
                            : Optional.of("the serving process exited before it was ready"
                                    + Readiness.lastLine(tail(log, 20))),
                    () -> tail(log, 20));
        } catch (RuntimeException e) {
            kill(process);
            state.delete(request.name());
            throw e;
        }
        listener.step(new Listener.Step("ready", "ready at " + url, (System.nanoTime() - t0) / 1_000_000));
        return deployment;
    }

    /** Under {@code setsid} where it exists (Linux's util-linux, busybox): the process leads a session of its own. */
    static List<String> detached(List<String> command) {
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                List<String> out = new ArrayList<>();
                out.add(setsid);
                out.addAll(command);
                return out;
            }
        }
        return command;
    }

    @Override
    public boolean running(Deployment deployment) {
        return process(deployment).isPresent();
    }

    /** The deployment's process when it still runs: the pid alive and started when the state file says. */
    static Optional<ProcessHandle> process(Deployment deployment) {
        if (deployment.pid() == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(deployment.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> deployment.processStart() == null
                        || p.info()
                                .startInstant()
                                .map(Instant::toString)
                                .map(deployment.processStart()::equals)
                                .orElse(true));
    }

    @Override
    public void stop(Deployment deployment) {
        process(deployment).ifPresent(LocalProcessTarget::kill);
    }

    /** SIGTERM (serve drains its requests), then SIGKILL after the grace period. */
    static void kill(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String logs(Deployment deployment, int lines) {
        return tail(Path.of(deployment.logFile()), lines);
    }

    /** The last {@code lines} lines of a log file (its last 256 KiB), or nothing when there is none. */
    static String tail(Path file, int lines) {
        try (var in = java.nio.channels.FileChannel.open(file)) {
            long from = Math.max(0, in.size() - 256 * 1024);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (in.size() - from));
            in.read(buffer, from);
            String[] all = new String(buffer.array(), StandardCharsets.UTF_8).split("\n", -1);
            int end = all.length > 0 && all[all.length - 1].isEmpty() ? all.length - 1 : all.length;
            StringBuilder out = new StringBuilder();
            for (int i = Math.max(0, end - lines); i < end; i++) {
                out.append(all[i]).append('\n');
            }
            return out.toString();
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The alias a reference follows, for the registry's record. */
    static String alias(String modelRef) {
        return ModelRef.parse(modelRef).alias();
    }
}
