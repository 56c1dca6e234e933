package org.bighead.productionize.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bighead.registry.client.Version;

/**
 * The docker and image-building k8s targets where this process has no image engine ({@link EngineTargets}: the
 * notebook's kernel, whose class path goes without the environments module and docker-java): the checkout's
 * {@code ./bighead deployments} does the work in a JVM of its own, its steps read from stderr as they come, the
 * deployment from its {@code --json}. It shares this process's {@code BIGHEAD_HOME}, so its state files are the same.
 */
final class CommandLineTarget implements DeploymentTarget {
    /** Set for the command this runs: a command without an image engine must not run another (it would recurse). */
    static final String NESTED = "BIGHEAD_DEPLOYMENTS_NESTED";

    private static final Pattern TIMED = Pattern.compile("(.*) \\((\\d+\\.\\d) s\\)");

    private final Target target;
    private final Path root;
    private final String registryUrl;

    CommandLineTarget(Target target, Path root, String registryUrl) {
        this.target = target;
        this.root = root;
        this.registryUrl = registryUrl;
    }

    @Override
    public String registryKind() {
        return target == Target.KUBERNETES ? "kubernetes" : "serving";
    }

    @Override
    public Deployment start(DeploymentRequest request, Version version, Listener listener) {
        List<String> args = new ArrayList<>(
                List.of("start", request.name(), "--model", request.model(), "--registry", registryUrl, "--json"));
        if (target == Target.KUBERNETES) {
            args.addAll(List.of(
                    "--k8s",
                    request.manifests().toAbsolutePath().toString(),
                    "--replicas",
                    Integer.toString(request.replicas()),
                    "--max-replicas",
                    Integer.toString(request.maxReplicas())));
            if (request.push()) {
                args.add("--push");
            }
        } else {
            args.add("--docker");
            if (request.port() != null) {
                args.addAll(List.of("--port", request.port().toString()));
            }
            if (request.instanceType() != null) {
                args.addAll(List.of("--instance-type", request.instanceType()));
            }
        }
        if (request.environment() != null) {
            args.addAll(List.of("--environment", request.environment()));
        }
        String json = run(args, listener);
        try {
            return DeploymentState.JSON.readValue(json, Deployment.class);
        } catch (IOException e) {
            throw new DeploymentException("./bighead deployments start answered no deployment: " + json.strip(), e);
        }
    }

    @Override
    public boolean running(Deployment deployment) {
        try {
            List<Deployment> all = DeploymentState.JSON.readValue(
                    run(List.of("list", "--json"), Listener.NONE), new TypeReference<List<Deployment>>() {});
            return all.stream().anyMatch(d -> d.name().equals(deployment.name()) && "running".equals(d.status()));
        } catch (IOException e) {
            throw new DeploymentException("./bighead deployments list answered no list: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(Deployment deployment) {
        run(List.of("stop", deployment.name()), Listener.NONE);
    }

    @Override
    public void rollback(Deployment deployment) {
        if (target == Target.KUBERNETES) {
            try {
                java.nio.file.Files.deleteIfExists(Path.of(deployment.manifests()));
            } catch (IOException e) {
                throw new DeploymentException("could not remove " + deployment.manifests() + ": " + e.getMessage(), e);
            }
        } else {
            stop(deployment);
        }
    }

    @Override
    public String logs(Deployment deployment, int lines) {
        return run(List.of("logs", deployment.name(), "-n", Integer.toString(lines)), Listener.NONE);
    }

    /** Runs {@code ./bighead deployments ARGS}: its stdout, or its last error line as a {@link DeploymentException}. */
    private String run(List<String> args, Listener listener) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bighead").toString(), "deployments"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(Map.of("BIGHEAD_ROOT", root.toString(), NESTED, "1"));
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            StringBuilder lastError = new StringBuilder();
            Thread errors = new Thread(
                    () -> {
                        try (BufferedReader err =
                                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                            for (String line = err.readLine(); line != null; line = err.readLine()) {
                                lastError.setLength(0);
                                lastError.append(line);
                                listener.step(step(line));
                            }
                        } catch (IOException e) {
                            // the process is gone: its exit code says the rest
                        }
                    },
                    "bighead-deployments-stderr");
            errors.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            errors.join();
            if (code != 0) {
                String message = lastError.toString().replaceFirst("^bighead deployments \\w+: ", "");
                throw new DeploymentException(
                        message.isEmpty() ? "./bighead deployments failed (exit " + code + ")" : message);
            }
            return out;
        } catch (IOException e) {
            throw new DeploymentException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while running ./bighead deployments", e);
        }
    }

    /** A step line as the command prints it ({@code "detail (1.2 s)"}) back into a step. */
    static Listener.Step step(String line) {
        Matcher m = TIMED.matcher(line);
        return m.matches()
                ? new Listener.Step("command", m.group(1), Math.round(Double.parseDouble(m.group(2)) * 1000))
                : new Listener.Step("command", line, 0);
    }
}
