package org.bighead.productionize.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Checks manifests against the Kubernetes JSON schema, offline, with PyPI's {@code kubernetes-validate} (pinned in
 * {@code productionize/requirements-kubernetes.txt}; it bundles the schemas of every Kubernetes release it knows),
 * strict: a misspelt field is an error, not a silently dropped one. {@code ./bighead} makes its venv,
 * {@code .bighead/k8s-venv}, and names the command in {@code BIGHEAD_KUBERNETES_VALIDATE}.
 */
final class KubernetesValidator {
    /** The oldest Kubernetes release the manifests must suit (autoscaling/v2 is GA from 1.23). */
    static final String KUBERNETES_VERSION = "1.30.0";

    private final Path command;

    KubernetesValidator(Path command) {
        this.command = command;
    }

    /** The validator {@code ./bighead} installed: {@code BIGHEAD_KUBERNETES_VALIDATE}, else the checkout's venv. */
    static Optional<KubernetesValidator> find(Map<String, String> env, Path root) {
        List<Path> candidates = new ArrayList<>();
        String named = env.get("BIGHEAD_KUBERNETES_VALIDATE");
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        if (root != null) {
            candidates.add(root.resolve(".bighead/k8s-venv/bin/kubernetes-validate"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(KubernetesValidator::new);
    }

    /** Empty when {@code file} validates; else the validator's words (the first error of each resource). */
    Optional<String> validate(Path file) {
        List<String> cmd =
                List.of(command.toString(), "--strict", "--quiet", "-k", KUBERNETES_VERSION, file.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("kubernetes-validate did not finish within 60 s");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? Optional.empty() : Optional.of(text.isEmpty() ? "exit " + p.exitValue() : text);
        } catch (IOException e) {
            return Optional.of("could not run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while validating " + file);
        }
    }
}
